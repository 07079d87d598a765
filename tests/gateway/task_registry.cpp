#include "task_registry.hpp"

#include <algorithm>
#include <cstdio>
#include <limits>
#include <stdexcept>

namespace genlayer::emulator {
namespace {

std::string status_name(const EmulatedTask& task, long long now_ms) {
    switch (task.phase_at(now_ms)) {
        case TaskPhase::queued: return std::string(task.queued_status());
        case TaskPhase::in_progress: return "in_progress";
        case TaskPhase::finished: break;
    }
    return task.known_failed() ? "failed" : "completed";
}

// Declared before a lock, it notifies once the lock is released: a waiter
// checks the state while holding the signal's lock and then takes ours.
struct NotifyOnReturn {
    StateSignal& signal;
    ~NotifyOnReturn() { signal.notify(); }
};

}  // namespace

Admission TaskRegistry::admit(TaskRequest request, long long now_ms, int max_active, FaultPlan& faults) {
    const NotifyOnReturn notify{signal_};
    std::lock_guard lock(mutex_);
    if (max_active > 0) {
        int unfinished = 0;
        long long earliest = std::numeric_limits<long long>::max();
        for (const auto& [id, task] : by_id_) {
            if (task->request().api_key != request.api_key || task->phase_at(now_ms) == TaskPhase::finished) continue;
            ++unfinished;
            if (const auto completes_at = task->completes_at_ms()) earliest = std::min(earliest, *completes_at);
        }
        if (unfinished >= max_active) {
            ++refused_;
            const long long wait_ms = earliest == std::numeric_limits<long long>::max() ? 0 : earliest - now_ms;
            return {nullptr, int(std::max(1LL, (wait_ms + 999) / 1000))};
        }
    }
    char id[40];
    std::snprintf(id, sizeof id, "task_img_%012llx", next_number_++);
    const bool stalls = faults.take(Fault::stall_tasks);
    const int barrier = stalls ? 0 : faults.hold_until_active();
    const bool held = !stalls && (barrier > 0 || faults.take(Fault::hold_tasks));
    auto task = std::make_shared<EmulatedTask>(id, std::move(request), now_ms,
                                               stalls ? std::nullopt : std::optional(faults.timeline()), held);
    by_id_[task->id()] = task;
    const int unfinished = unfinished_locked(now_ms);
    most_active_ = std::max(most_active_, unfinished);
    if (barrier > 0) {
        behind_barrier_.push_back(task);
        if (unfinished >= barrier) {
            for (const auto& waiting : behind_barrier_) waiting->release(now_ms);
            behind_barrier_.clear();
            faults.disarm_hold_until_active();
        }
    }
    return {task, 0};
}

std::shared_ptr<EmulatedTask> TaskRegistry::find(const std::string& id) const {
    std::lock_guard lock(mutex_);
    const auto found = by_id_.find(id);
    return found == by_id_.end() ? nullptr : found->second;
}

void TaskRegistry::release(const std::vector<std::string>& ids, long long now_ms) {
    const NotifyOnReturn notify{signal_};
    std::lock_guard lock(mutex_);
    for (const std::string& id : ids) {
        const auto found = by_id_.find(id);
        if (found == by_id_.end() || !found->second->held())
            throw std::invalid_argument("There is no held task " + id + ".");
    }
    for (const std::string& id : ids) by_id_.at(id)->release(now_ms);
}

std::vector<std::string> TaskRegistry::release_oldest(std::optional<int> count, long long now_ms) {
    const NotifyOnReturn notify{signal_};
    std::lock_guard lock(mutex_);
    std::vector<std::string> released;
    for (const auto& [id, task] : by_id_)
        if (task->held()) released.push_back(id);
    if (count && *count > int(released.size()))
        throw std::invalid_argument("Only " + std::to_string(released.size()) + " tasks are held, not " +
                                    std::to_string(*count) + ".");
    released.resize(count.value_or(int(released.size())));
    for (const std::string& id : released) by_id_.at(id)->release(now_ms);
    return released;
}

TaskCounts TaskRegistry::counts(long long now_ms) const {
    std::lock_guard lock(mutex_);
    const int held =
        int(std::count_if(by_id_.begin(), by_id_.end(), [](const auto& entry) { return entry.second->held(); }));
    return {int(by_id_.size()), unfinished_locked(now_ms), most_active_, held, refused_};
}

nlohmann::json TaskRegistry::describe(long long now_ms) const {
    std::lock_guard lock(mutex_);
    nlohmann::json tasks = nlohmann::json::array();
    for (const auto& [id, task] : by_id_) {
        const auto completes_at = task->completes_at_ms();
        const auto queue_ms = task->queue_ms();
        tasks.push_back({{"id", id},
                         {"created_ms", task->created_ms()},
                         {"completes_at_ms", completes_at ? nlohmann::json(*completes_at) : nlohmann::json(nullptr)},
                         {"queue_ms", queue_ms ? nlohmann::json(*queue_ms) : nlohmann::json(nullptr)},
                         {"status", status_name(*task, now_ms)},
                         {"held", task->held()},
                         {"polls", task->polls()}});
    }
    return tasks;
}

int TaskRegistry::unfinished_locked(long long now_ms) const {
    return int(std::count_if(by_id_.begin(), by_id_.end(),
                             [&](const auto& entry) { return entry.second->phase_at(now_ms) != TaskPhase::finished; }));
}

}  // namespace genlayer::emulator
