#include "state_signal.hpp"

namespace genlayer::emulator {

void StateSignal::notify() {
    // Taking the lock orders this change after any check a waiter is making,
    // so the waiter either saw the change or is already waiting for this call.
    { std::lock_guard lock(mutex_); }
    changed_.notify_all();
}

bool StateSignal::wait_until(const std::function<bool()>& holds, std::chrono::steady_clock::time_point deadline) {
    std::unique_lock lock(mutex_);
    for (;;) {
        if (holds()) return true;
        if (closed_ || changed_.wait_until(lock, deadline) == std::cv_status::timeout) return holds();
    }
}

void StateSignal::close() {
    {
        std::lock_guard lock(mutex_);
        closed_ = true;
    }
    changed_.notify_all();
}

}  // namespace genlayer::emulator
