#include "request_gate.hpp"

#include <stdexcept>
#include <string>

namespace genlayer::emulator {

void RequestGate::hold() {
    unsigned long long number = 0;
    {
        std::lock_guard lock(mutex_);
        if (closed_) return;
        number = arrived_++;
    }
    signal_.notify();  // one more held: a test may be waiting for it
    std::unique_lock lock(mutex_);
    released_.wait(lock, [&] { return number < let_go_ || closed_; });
}

int RequestGate::release(std::optional<int> count) {
    int went = 0;
    {
        std::lock_guard lock(mutex_);
        const auto held_now = int(arrived_ - let_go_);
        if (count && *count > held_now)
            throw std::invalid_argument("Only " + std::to_string(held_now) + " such requests are held, not " +
                                        std::to_string(*count) + ".");
        went = count.value_or(held_now);
        let_go_ += unsigned(went);
    }
    released_.notify_all();
    signal_.notify();
    return went;
}

int RequestGate::held() const {
    std::lock_guard lock(mutex_);
    return int(arrived_ - let_go_);
}

void RequestGate::close() {
    {
        std::lock_guard lock(mutex_);
        closed_ = true;
        let_go_ = arrived_;
    }
    released_.notify_all();
}

}  // namespace genlayer::emulator
