// When to ask the gateway about a task again.
//
// The documented schedule waits 2 s, then polls every 3 s. The adaptive one
// keeps the documented gaps as its ordinary pace but uses the rising
// `progress` to predict when the task will finish, and lands its polls just
// after that moment, so a result is noticed within a fraction of a second
// without more requests than the documented schedule makes.
#pragma once

#include <chrono>

namespace genlayer {

enum class PollMode { adaptive, documented };

class PollSchedule {
public:
    explicit PollSchedule(PollMode mode);

    // Records an observation: seconds since submit and the task's progress
    // (0..100) and whether it is running (vs queued).
    void observe(double elapsed_s, int progress, bool running);

    // Seconds since submit at which the next poll should go out.
    double next_poll_at() const;

private:
    PollMode mode_;
    // (elapsed, progress) samples the estimator uses.
    double first_t_ = -1, first_p_ = 0, last_t_ = 0;
    int last_p_ = 0;
    int polls_ = 0;
};

}  // namespace genlayer
