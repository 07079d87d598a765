// When to ask the gateway about a task again.
//
// The documented schedule waits 2 s, then polls every 3 s. The adaptive one
// keeps to the documented advice for its ordinary pace (2-3 s while queued,
// up to 5 s while in progress) but fits a line through the task's rising
// `progress` to predict when it finishes, and lands a poll just after that
// moment. A result is noticed within a fraction of a second, with no more
// requests than the documented schedule makes.
#pragma once

#include <optional>
#include <vector>

namespace genlayer {

enum class PollMode { adaptive, documented };

class PollSchedule {
public:
    explicit PollSchedule(PollMode mode);

    // Records a status answer: seconds since the submit answered, and the
    // task's progress (0..100).
    void observe(double elapsed_s, int progress);

    // Seconds since the submit at which the next poll should go out.
    double next_poll_at() const;

private:
    struct Sample {
        double t;
        int progress;
    };
    // Earliest and latest finish times consistent with the samples, assuming
    // progress rises linearly and is reported rounded down.
    struct Window {
        double earliest;
        double latest;
    };
    std::optional<Window> predicted_finish() const;

    PollMode mode_;
    std::vector<Sample> samples_;
    int polls_past_prediction_ = 0;
};

}  // namespace genlayer
