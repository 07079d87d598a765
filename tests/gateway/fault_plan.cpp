#include "fault_plan.hpp"

#include <stdexcept>
#include <string_view>

namespace genlayer::emulator {
namespace {

constexpr std::array<std::string_view, kFaultCount> kFaultNames = {
    "fail_submits",   "fail_submits_after_create",
    "fail_status",    "rate_limit",
    "drop_downloads", "truncate_json",
    "malformed_json", "stall_tasks",
    "hold_tasks",     "hold_submits",
    "hold_downloads", "expire_uploads",
    "hold_status",
};
static_assert(!kFaultNames.back().empty(), "every fault needs its name");

std::optional<size_t> fault_index(std::string_view name) {
    for (size_t i = 0; i < kFaultNames.size(); ++i)
        if (kFaultNames[i] == name) return i;
    return std::nullopt;
}

int non_negative(const std::string& key, const nlohmann::json& value) {
    if (!value.is_number_integer() || value.get<long long>() < 0 || value.get<long long>() > 1'000'000'000)
        throw std::invalid_argument("The setting " + key + " needs a whole number of at least 0.");
    return value.get<int>();
}

// A whole number, or null to unset it.
std::optional<int> optional_non_negative(const std::string& key, const nlohmann::json& value) {
    if (value.is_null()) return std::nullopt;
    return non_negative(key, value);
}

nlohmann::json json_of(const std::optional<int>& value) { return value ? nlohmann::json(*value) : nlohmann::json(); }

}  // namespace

void FaultPlan::arm(const nlohmann::json& settings) {
    if (!settings.is_object()) throw std::invalid_argument("Faults are armed with a JSON object.");
    std::lock_guard lock(mutex_);
    Settings next = settings_;  // applied only when every key is good
    for (const auto& [key, value] : settings.items()) {
        if (const auto index = fault_index(key)) {
            next.remaining[*index] = non_negative(key, value);
        } else if (key == "expire_results") {
            if (!value.is_boolean()) throw std::invalid_argument("The setting expire_results needs true or false.");
            next.expire_results = value.get<bool>();
        } else if (key == "slow_downloads_ms") {
            next.slow_downloads_ms = non_negative(key, value);
        } else if (key == "slow_downloads") {
            next.slow_downloads = non_negative(key, value);
        } else if (key == "gen_ms") {
            next.gen_ms = non_negative(key, value);
        } else if (key == "queue_ms") {
            next.queue_ms = optional_non_negative(key, value);
        } else if (key == "queue_seed") {
            next.queue_seed = optional_non_negative(key, value);
        } else if (key == "hold_until_active") {
            next.hold_until_active = non_negative(key, value);
        } else {
            throw std::invalid_argument("There is no fault called " + key + "; see genlayer-gateway --help.");
        }
    }
    settings_ = next;
}

bool FaultPlan::take(Fault fault) {
    std::lock_guard lock(mutex_);
    int& left = settings_.remaining[size_t(fault)];
    if (left == 0) return false;
    --left;
    return true;
}

bool FaultPlan::expire_results() const {
    std::lock_guard lock(mutex_);
    return settings_.expire_results;
}

int FaultPlan::take_download_pause_ms() {
    std::lock_guard lock(mutex_);
    std::optional<int>& left = settings_.slow_downloads;
    if (!left) return settings_.slow_downloads_ms;
    if (*left == 0) return 0;
    --*left;
    return settings_.slow_downloads_ms;
}

TimelineShape FaultPlan::timeline() const {
    std::lock_guard lock(mutex_);
    TimelineShape shape;
    shape.generation_ms = settings_.gen_ms;
    shape.queue_ms = settings_.queue_ms;
    if (settings_.queue_seed) shape.seed = uint64_t(*settings_.queue_seed);
    return shape;
}

int FaultPlan::hold_until_active() const {
    std::lock_guard lock(mutex_);
    return settings_.hold_until_active;
}

void FaultPlan::disarm_hold_until_active() {
    std::lock_guard lock(mutex_);
    settings_.hold_until_active = 0;
}

nlohmann::json FaultPlan::describe() const {
    std::lock_guard lock(mutex_);
    nlohmann::json plan = {{"expire_results", settings_.expire_results},
                           {"slow_downloads_ms", settings_.slow_downloads_ms},
                           {"slow_downloads", json_of(settings_.slow_downloads)},
                           {"gen_ms", settings_.gen_ms},
                           {"queue_ms", json_of(settings_.queue_ms)},
                           {"queue_seed", json_of(settings_.queue_seed)},
                           {"hold_until_active", settings_.hold_until_active}};
    for (size_t i = 0; i < kFaultNames.size(); ++i) plan[std::string(kFaultNames[i])] = settings_.remaining[i];
    return plan;
}

}  // namespace genlayer::emulator
