// The course of one emulated task from its submit: queued, then running,
// with progress rising from 0 to 100 at the end of its generation time.
//
// Without a seed the queue lasts the first tenth of the generation time (or
// queue_ms) and progress rises evenly. With one, the task behaves as a busy
// gateway's does: its queue lasts 0-50 % of the generation time (unless
// queue_ms fixes it), it says "queued" or "submitted" meanwhile, and its
// progress rises at a rate that changes from one fifth of the running phase
// to the next. The draws come from the seed and the prompt, so two tasks
// with the same prompt run the same course, as a benchmark comparing two
// clients on one task needs.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace genlayer::emulator {

struct TimelineShape {
    long long generation_ms = 0;        // from the submit to completion
    std::optional<long long> queue_ms;  // at most generation_ms; unset: see above
    std::optional<uint64_t> seed;       // unset: an even rise
};

class TaskTimeline {
public:
    TaskTimeline(const TimelineShape& shape, std::string_view prompt);

    long long queue_ms() const { return queue_ms_; }
    bool queued_at(long long since_submit_ms) const { return since_submit_ms < queue_ms_; }
    // 0 while queued, then rising; at most 99, which it keeps past the end
    // of the generation time (a held task).
    int progress_at(long long since_submit_ms) const;
    // What the status says while the task waits in the queue.
    std::string_view queued_status() const { return says_submitted_ ? "submitted" : "queued"; }

private:
    static constexpr int kSegments = 5;

    long long generation_ms_;
    long long queue_ms_;
    std::array<double, kSegments + 1> share_at_boundary_{};  // of the whole rise, rising from 0 to 1
    bool says_submitted_ = false;
};

}  // namespace genlayer::emulator
