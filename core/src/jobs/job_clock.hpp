// The time a job reads and waits on. SteadyJobClock is the steady clock and
// the job's cancel token; the unit tests of Job use a clock that jumps to
// each time point at once, so that the poll schedule and the deadline are
// tested without waiting.
#pragma once

#include "base/cancel_token.hpp"
#include "net/retry_policy.hpp"

namespace genlayer {

class JobClock {
public:
    virtual ~JobClock() = default;

    virtual Clock::time_point now() const = 0;  // any thread
    // Returns at `at`, or false as soon as the job is cancelled.
    virtual bool wait_until(Clock::time_point at) = 0;
};

class SteadyJobClock final : public JobClock {
public:
    explicit SteadyJobClock(SharedCancelToken cancel) : cancel_(std::move(cancel)) {}

    Clock::time_point now() const override { return Clock::now(); }
    bool wait_until(Clock::time_point at) override { return cancel_->sleep_for(at - Clock::now()); }

private:
    SharedCancelToken cancel_;
};

}  // namespace genlayer
