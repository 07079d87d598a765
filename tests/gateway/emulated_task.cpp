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
                           std::optional<long long> generation_ms, bool held)
    : id_(std::move(id)),
      request_(std::move(request)),
      created_ms_(created_ms),
      generation_ms_(generation_ms),
      held_(held && generation_ms.has_value()),
      completes_at_ms_(generation_ms && !held ? std::optional(created_ms + *generation_ms) : std::nullopt) {}

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
    if (!generation_ms_) return TaskPhase::in_progress;
    return (now_ms - created_ms_) * 10 < *generation_ms_ ? TaskPhase::queued : TaskPhase::in_progress;
}

int EmulatedTask::progress_at(long long now_ms) const {
    switch (phase_at(now_ms)) {
        case TaskPhase::queued: return 0;
        case TaskPhase::finished: return 100;
        case TaskPhase::in_progress: break;
    }
    if (!generation_ms_) return kStalledProgress;
    if (*generation_ms_ == 0) return 99;  // held past its (empty) generation time
    return std::clamp(int((now_ms - created_ms_) * 100 / *generation_ms_), 1, 99);
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
