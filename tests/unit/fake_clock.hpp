// A JobClock for the unit tests of Job: time stands still until the job
// waits, and each wait jumps straight to its time point, so a job's whole
// poll schedule and deadline pass in microseconds. It can also cancel the
// job at its n-th wait, as a user's cancel arriving at that moment would.
#pragma once

#include "jobs/job_clock.hpp"

#include <algorithm>
#include <mutex>
#include <vector>

namespace genlayer::test {

class FakeClock final : public JobClock {
public:
    static constexpr Clock::time_point kStart{std::chrono::hours(1000)};

    FakeClock(SharedCancelToken cancel, int cancel_at_wait)
        : cancel_(std::move(cancel)), cancel_at_wait_(cancel_at_wait) {}

    Clock::time_point now() const override {
        std::lock_guard lock(mutex_);
        return now_;
    }
    bool wait_until(Clock::time_point at) override {
        std::lock_guard lock(mutex_);
        if (int(waits_.size()) + 1 == cancel_at_wait_) cancel_->cancel();
        waits_.push_back(at);
        if (cancel_->cancelled()) return false;
        now_ = std::max(now_, at);
        return true;
    }
    // The time points the job waited for, in order.
    std::vector<Clock::time_point> waits() const {
        std::lock_guard lock(mutex_);
        return waits_;
    }

private:
    const SharedCancelToken cancel_;
    const int cancel_at_wait_;  // 0: never
    mutable std::mutex mutex_;
    Clock::time_point now_ = kStart;
    std::vector<Clock::time_point> waits_;
};

}  // namespace genlayer::test
