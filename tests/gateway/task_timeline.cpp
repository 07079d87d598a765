#include "task_timeline.hpp"

#include <algorithm>
#include <cmath>

namespace genlayer::emulator {
namespace {

constexpr double kMaxQueueShare = 0.5;
// A fifth of the running phase moves at 0.7x to 1.3x the mean rate.
constexpr double kLeastWeight = 0.7;

uint64_t fnv1a(std::string_view text) {
    uint64_t hash = 0xcbf29ce484222325ULL;
    for (const char c : text) hash = (hash ^ uint8_t(c)) * 0x100000001b3ULL;
    return hash;
}

// splitmix64: a well-mixed sequence from any start.
class Draws {
public:
    explicit Draws(uint64_t state) : state_(state) {}
    double unit() {  // in [0, 1)
        uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return double((z ^ (z >> 31)) >> 11) * 0x1.0p-53;
    }

private:
    uint64_t state_;
};

}  // namespace

TaskTimeline::TaskTimeline(const TimelineShape& shape, std::string_view prompt)
    : generation_ms_(std::max(0LL, shape.generation_ms)) {
    std::array<double, kSegments> weights;
    weights.fill(1.0);
    long long queue_ms = generation_ms_ / 10;
    if (shape.seed) {
        Draws draws(*shape.seed ^ fnv1a(prompt));
        queue_ms = std::llround(double(generation_ms_) * kMaxQueueShare * draws.unit());
        says_submitted_ = draws.unit() < 0.5;
        for (double& weight : weights) weight = kLeastWeight + 2 * (1 - kLeastWeight) * draws.unit();
    }
    queue_ms_ = std::clamp(shape.queue_ms.value_or(queue_ms), 0LL, generation_ms_);
    double total = 0;
    for (const double weight : weights) total += weight;
    for (int i = 0; i < kSegments; ++i) share_at_boundary_[i + 1] = share_at_boundary_[i] + weights[i] / total;
}

int TaskTimeline::progress_at(long long since_submit_ms) const {
    if (queued_at(since_submit_ms)) return 0;
    const long long running_ms = generation_ms_ - queue_ms_;
    if (running_ms <= 0) return 99;
    const double x = double(since_submit_ms - queue_ms_) / double(running_ms) * kSegments;
    const int segment = std::min(int(x), kSegments - 1);
    const double share = share_at_boundary_[segment] +
                         (share_at_boundary_[segment + 1] - share_at_boundary_[segment]) * std::min(x - segment, 1.0);
    return std::clamp(int(std::floor(100 * share)), 0, 99);
}

}  // namespace genlayer::emulator
