// When to ask the gateway about a task again.
//
// The documented schedule waits 2 s, then polls every 3 s. The adaptive one
// keeps to the documented pace while the task waits in the gateway's queue
// (progress 0), which may take any share of its time. Once progress moves it
// estimates the finish from the running phase alone: the rate between recent
// samples, never the time since the submit, because the queue says nothing
// about how fast the task runs. Far from the finish it polls at a share of
// the estimated remaining time (at most the documented 5 s while in
// progress), so that each answer sharpens the estimate as the rate changes;
// near it, it lands a poll just after the latest finish the samples allow.
#pragma once

#include <optional>
#include <vector>

namespace genlayer {

enum class PollMode { adaptive, documented };

class PollSchedule {
public:
    explicit PollSchedule(PollMode mode);

    // Records a status answer of a task still queued or running: seconds
    // since the submit answered, and the task's progress (0..100).
    void observe(double elapsed_s, int progress);

    // Seconds since the submit at which the next poll should go out.
    double next_poll_at() const;

private:
    struct Sample {
        double t;
        int progress;
    };
    // How much longer the running task takes, from the latest sample: a
    // central estimate and the most the samples allow, assuming the rate
    // they show holds and progress is reported rounded down. Until two
    // samples show progress, the rate is not measured, only bounded.
    struct Remaining {
        double estimate;
        double latest;
        bool rate_measured;
        double since_idle;  // seconds since the last sample that showed no progress (or the submit)
    };
    std::optional<Remaining> remaining() const;

    PollMode mode_;
    std::vector<Sample> samples_;
};

}  // namespace genlayer
