// Every task the emulator created, the per-key concurrency limit, and the
// holds: tasks a test releases, and the barrier (hold_until_active).
#pragma once

#include "emulated_task.hpp"
#include "fault_plan.hpp"
#include "state_signal.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace genlayer::emulator {

struct Admission {
    std::shared_ptr<EmulatedTask> task;  // nullptr when the key is at its limit
    int retry_after_s = 0;               // then: whole seconds until its earliest task finishes, at least 1
};

struct TaskCounts {
    int tasks = 0;        // created so far
    int active = 0;       // unfinished now (held and stalled ones included)
    int most_active = 0;  // the most that were unfinished at once so far
    int held = 0;         // held now
    int refused = 0;      // submits refused so far because the key was at --max-active
};

class TaskRegistry {
public:
    explicit TaskRegistry(StateSignal& signal) : signal_(signal) {}

    // max_active 0 means no limit. The task's generation time and whether it
    // stalls or is held come from `faults` (gen_ms, stall_tasks, hold_tasks,
    // hold_until_active) only when it is created.
    Admission admit(TaskRequest request, long long now_ms, int max_active, FaultPlan& faults);

    // nullptr for an unknown id.
    std::shared_ptr<EmulatedTask> find(const std::string& id) const;

    // Releases these held tasks; throws std::invalid_argument naming an id
    // that is not a held task, and releases none then.
    void release(const std::vector<std::string>& ids, long long now_ms);
    // Releases the `count` oldest held tasks, or all (nullopt); their ids.
    // Throws std::invalid_argument when fewer are held; releases none then.
    std::vector<std::string> release_oldest(std::optional<int> count, long long now_ms);

    TaskCounts counts(long long now_ms) const;
    // [{id, created_ms, completes_at_ms, queue_ms, status, held, polls}, …] in creation order.
    nlohmann::json describe(long long now_ms) const;

private:
    int unfinished_locked(long long now_ms) const;

    StateSignal& signal_;
    mutable std::mutex mutex_;
    std::map<std::string, std::shared_ptr<EmulatedTask>> by_id_;  // ids sort in creation order
    std::vector<std::shared_ptr<EmulatedTask>> behind_barrier_;   // held by hold_until_active
    unsigned long long next_number_ = 1;
    int most_active_ = 0;
    int refused_ = 0;
};

}  // namespace genlayer::emulator
