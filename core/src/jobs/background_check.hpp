// The gateway check of gateway_check.hpp on a worker thread of its own, so
// that a dialog's Test button never blocks the host's main loop. The owner
// polls done(); the result is read only once it is.
#pragma once

#include "base/cancel_token.hpp"
#include "gateway/gateway_check.hpp"
#include "gateway/settings.hpp"

#include <atomic>
#include <thread>

namespace genlayer {

class BackgroundCheck {
public:
    explicit BackgroundCheck(Settings settings);
    // Cancels the request in flight and waits for the worker (about 100 ms at most).
    ~BackgroundCheck();
    BackgroundCheck(const BackgroundCheck&) = delete;
    BackgroundCheck& operator=(const BackgroundCheck&) = delete;

    bool done() const { return done_.load(std::memory_order_acquire); }
    // Only once done().
    const GatewayCheck& result() const { return result_; }

private:
    void run(const Settings& settings) noexcept;

    SharedCancelToken cancel_ = std::make_shared<CancelToken>();
    GatewayCheck result_;  // written by the worker before done_ is set
    std::atomic<bool> done_{false};
    std::thread worker_;
};

}  // namespace genlayer
