#include "emulated_task.hpp"

#include "base/status.hpp"
#include "emulated_generation.hpp"
#include "image/image_codec.hpp"

#include <algorithm>

namespace genlayer::emulator {
namespace {

constexpr int kStalledProgress = 50;

}  // namespace

EmulatedTask::EmulatedTask(std::string id, TaskRequest request, long long created_ms,
                           std::optional<TimelineShape> timeline, bool held)
    : id_(std::move(id)),
      request_(std::move(request)),
      created_ms_(created_ms),
      generation_ms_(timeline ? std::optional(timeline->generation_ms) : std::nullopt),
      held_(held && timeline.has_value()),
      completes_at_ms_(timeline && !held ? std::optional(created_ms + timeline->generation_ms) : std::nullopt) {
    if (timeline) timeline_.emplace(*timeline, request_.prompt);
}

std::optional<long long> EmulatedTask::completes_at_ms() const {
    std::lock_guard lock(timeline_mutex_);
    return completes_at_ms_;
}

bool EmulatedTask::held() const {
    std::lock_guard lock(timeline_mutex_);
    return held_;
}

bool EmulatedTask::release(long long now_ms) {
    std::lock_guard lock(timeline_mutex_);
    if (!held_) return false;
    held_ = false;
    completes_at_ms_ = std::max(now_ms, created_ms_ + *generation_ms_);
    return true;
}

TaskPhase EmulatedTask::phase_at(long long now_ms) const {
    const std::optional<long long> completes_at = completes_at_ms();
    if (completes_at && now_ms >= *completes_at) return TaskPhase::finished;
    if (!timeline_) return TaskPhase::in_progress;
    return timeline_->queued_at(now_ms - created_ms_) ? TaskPhase::queued : TaskPhase::in_progress;
}

int EmulatedTask::progress_at(long long now_ms) const {
    switch (phase_at(now_ms)) {
        case TaskPhase::queued: return 0;
        case TaskPhase::finished: return 100;
        case TaskPhase::in_progress: break;
    }
    if (!timeline_) return kStalledProgress;
    return timeline_->progress_at(now_ms - created_ms_);
}

std::string_view EmulatedTask::queued_status() const { return timeline_ ? timeline_->queued_status() : "queued"; }

std::optional<long long> EmulatedTask::queue_ms() const {
    return timeline_ ? std::optional(timeline_->queue_ms()) : std::nullopt;
}

const TaskResults& EmulatedTask::results() {
    std::lock_guard lock(results_mutex_);
    if (!results_) results_ = render();
    return *results_;
}

bool EmulatedTask::known_failed() const {
    std::lock_guard lock(results_mutex_);
    return !request_.planned_failure.empty() || (results_ && !results_->failure.empty());
}

TaskResults EmulatedTask::render() const {
    if (!request_.planned_failure.empty()) return {{}, request_.planned_failure};
    std::optional<RgbaImage> reference;
    if (request_.reference) {
        try {
            const auto* bytes = reinterpret_cast<const uint8_t*>(request_.reference->bytes.data());
            reference = decode_image({bytes, request_.reference->bytes.size()});
        } catch (const Error&) {
            return {{}, "could not decode reference image"};
        }
    }
    TaskResults results;
    for (int index = 0; index < request_.n; ++index) {
        const RgbaImage image = render_generation(request_.prompt, request_.size.width, request_.size.height,
                                                  reference ? &*reference : nullptr, index);
        results.pngs.push_back(encode_png(view_of(image), kFastPngCompression).bytes);
    }
    return results;
}

}  // namespace genlayer::emulator
