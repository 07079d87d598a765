// Every task the emulator created, and the per-key concurrency limit.
#pragma once

#include "emulated_task.hpp"
#include "fault_plan.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace genlayer::emulator {

struct Admission {
    std::shared_ptr<EmulatedTask> task;  // nullptr when the key is at its limit
    int retry_after_s = 0;               // then: whole seconds until its earliest task finishes, at least 1
};

class TaskRegistry {
public:
    // max_active 0 means no limit. The task's generation time and whether it
    // stalls come from `faults` (gen_ms, stall_tasks) only when it is created.
    Admission admit(TaskRequest request, long long now_ms, int max_active, FaultPlan& faults);

    // nullptr for an unknown id.
    std::shared_ptr<EmulatedTask> find(const std::string& id) const;

    // [{id, created_ms, completes_at_ms, status, polls}, …] in creation order.
    nlohmann::json describe(long long now_ms) const;

private:
    mutable std::mutex mutex_;
    std::map<std::string, std::shared_ptr<EmulatedTask>> by_id_;  // ids sort in creation order
    unsigned long long next_number_ = 1;
};

}  // namespace genlayer::emulator
