// Where the emulator holds requests of one kind (submits, downloads) for a
// test: hold() keeps the request's worker thread until release() lets it
// go, in the order the requests arrived, or until close().
#pragma once

#include "state_signal.hpp"

#include <condition_variable>
#include <mutex>
#include <optional>

namespace genlayer::emulator {

class RequestGate {
public:
    explicit RequestGate(StateSignal& signal) : signal_(signal) {}

    void hold();
    // Lets the `count` oldest held requests go, or every one (nullopt);
    // returns how many went. Throws std::invalid_argument when fewer than
    // `count` are held; none goes then.
    int release(std::optional<int> count);
    int held() const;
    // Lets every request go and holds none from now on: the emulator is stopping.
    void close();

private:
    StateSignal& signal_;
    mutable std::mutex mutex_;
    std::condition_variable released_;
    // Requests are numbered as they arrive; those below let_go_ may go.
    unsigned long long arrived_ = 0;
    unsigned long long let_go_ = 0;
    bool closed_ = false;
};

}  // namespace genlayer::emulator
