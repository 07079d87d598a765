// One generation task of the emulator: its timeline (queued, then
// in_progress with progress rising, then finished, see TaskTimeline; a held
// task stays in_progress, at most 99 %, until it is released) and its result
// images, rendered at first need and kept.
#pragma once

#include "gateway/size_table.hpp"
#include "task_timeline.hpp"
#include "upload_store.hpp"

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace genlayer::emulator {

struct TaskRequest {
    std::string api_key;
    std::string model;
    std::string prompt;
    ImageSize size;  // of every result image
    int n = 1;
    std::string response_format;                    // "url" or "b64_json"
    std::shared_ptr<const StoredUpload> reference;  // the first reference, when it is one of our uploads
    std::string planned_failure;                    // non-empty: the task ends failed with this message
};

enum class TaskPhase { queued, in_progress, finished };

struct TaskResults {
    std::vector<std::vector<uint8_t>> pngs;  // one per image, empty when failed
    std::string failure;                     // why the task failed, empty when it did not
};

class EmulatedTask {
public:
    // No timeline: the task stalls in_progress at 50 % forever.
    EmulatedTask(std::string id, TaskRequest request, long long created_ms, std::optional<TimelineShape> timeline,
                 bool held);

    const std::string& id() const { return id_; }
    const TaskRequest& request() const { return request_; }
    long long created_ms() const { return created_ms_; }
    // nullopt while the task stalls or is held.
    std::optional<long long> completes_at_ms() const;
    bool held() const;
    // Lets a held task finish at the end of its generation time, or at once
    // when that has passed. False when it was not held.
    bool release(long long now_ms);

    TaskPhase phase_at(long long now_ms) const;
    int progress_at(long long now_ms) const;
    // What its status says while it is queued: "queued" or "submitted".
    std::string_view queued_status() const;
    // How long it waits in the queue; nullopt for a stalled task.
    std::optional<long long> queue_ms() const;

    int count_poll() { return ++polls_; }
    int polls() const { return polls_; }

    // Renders and encodes the images on the first call. Call only once finished.
    const TaskResults& results();
    // Whether the task is known to end failed without rendering it.
    bool known_failed() const;

private:
    TaskResults render() const;

    std::string id_;
    TaskRequest request_;
    long long created_ms_;
    std::optional<long long> generation_ms_;
    std::optional<TaskTimeline> timeline_;
    mutable std::mutex timeline_mutex_;
    bool held_;                                 // guarded by timeline_mutex_
    std::optional<long long> completes_at_ms_;  // guarded by timeline_mutex_
    std::atomic<int> polls_{0};
    mutable std::mutex results_mutex_;
    std::optional<TaskResults> results_;
};

}  // namespace genlayer::emulator
