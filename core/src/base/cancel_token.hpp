// A flag shared by the host and the worker: set once, read by every transfer
// and every wait so that a cancel takes effect within 100 ms.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>

namespace genlayer {

class CancelToken {
public:
    void cancel() {
        {
            std::lock_guard lock(mutex_);
            cancelled_ = true;
        }
        wake_.notify_all();
    }
    bool cancelled() const { return cancelled_.load(); }

    // Sleeps for `duration` unless cancelled first; returns false if cancelled.
    template <class Rep, class Period>
    bool sleep_for(std::chrono::duration<Rep, Period> duration) {
        std::unique_lock lock(mutex_);
        return !wake_.wait_for(lock, duration, [this] { return cancelled_.load(); });
    }

private:
    std::atomic<bool> cancelled_{false};
    std::mutex mutex_;
    std::condition_variable wake_;
};

using SharedCancelToken = std::shared_ptr<CancelToken>;

}  // namespace genlayer
