#include "task_registry.hpp"

#include <algorithm>
#include <cstdio>
#include <limits>

namespace genlayer::emulator {
namespace {

const char* status_name(const EmulatedTask& task, long long now_ms) {
    switch (task.phase_at(now_ms)) {
        case TaskPhase::queued: return "queued";
        case TaskPhase::in_progress: return "in_progress";
        case TaskPhase::finished: break;
    }
    return task.known_failed() ? "failed" : "completed";
}

}  // namespace

Admission TaskRegistry::admit(TaskRequest request, long long now_ms, int max_active, FaultPlan& faults) {
    std::lock_guard lock(mutex_);
    if (max_active > 0) {
        int unfinished = 0;
        long long earliest = std::numeric_limits<long long>::max();
        for (const auto& [id, task] : by_id_) {
            if (task->request().api_key != request.api_key || task->phase_at(now_ms) == TaskPhase::finished) continue;
            ++unfinished;
            if (task->completes_at_ms()) earliest = std::min(earliest, *task->completes_at_ms());
        }
        if (unfinished >= max_active) {
            const long long wait_ms = earliest == std::numeric_limits<long long>::max() ? 0 : earliest - now_ms;
            return {nullptr, int(std::max(1LL, (wait_ms + 999) / 1000))};
        }
    }
    char id[40];
    std::snprintf(id, sizeof id, "task_img_%012llx", next_number_++);
    const std::optional<long long> completes_at =
        faults.take(Fault::stall_tasks) ? std::nullopt : std::optional<long long>(now_ms + faults.gen_ms());
    auto task = std::make_shared<EmulatedTask>(id, std::move(request), now_ms, completes_at);
    by_id_[task->id()] = task;
    return {task, 0};
}

std::shared_ptr<EmulatedTask> TaskRegistry::find(const std::string& id) const {
    std::lock_guard lock(mutex_);
    const auto found = by_id_.find(id);
    return found == by_id_.end() ? nullptr : found->second;
}

nlohmann::json TaskRegistry::describe(long long now_ms) const {
    std::lock_guard lock(mutex_);
    nlohmann::json tasks = nlohmann::json::array();
    for (const auto& [id, task] : by_id_) {
        const auto completes_at = task->completes_at_ms();
        tasks.push_back({{"id", id},
                         {"created_ms", task->created_ms()},
                         {"completes_at_ms", completes_at ? nlohmann::json(*completes_at) : nlohmann::json(nullptr)},
                         {"status", status_name(*task, now_ms)},
                         {"polls", task->polls()}});
    }
    return tasks;
}

}  // namespace genlayer::emulator
