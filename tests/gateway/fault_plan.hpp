// The faults and holds a test arms, from the command line or through
// POST /_emulator/faults, and the run-time knobs that are not faults: the
// course of the tasks created from now on (gen_ms, queue_ms, queue_seed).
// Counted faults fire once per matching call until used up.
#pragma once

#include "task_timeline.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <mutex>
#include <optional>

namespace genlayer::emulator {

enum class Fault {
    fail_submits,               // 503 before a task is created
    fail_submits_after_create,  // the task is created, then 500
    fail_status,                // 500 on a status call
    rate_limit,                 // 429 with Retry-After: 1 on any API call
    drop_downloads,             // half the body, then the connection closes
    truncate_json,              // a status body cut in the middle
    malformed_json,             // a status body that is not JSON
    stall_tasks,                // a task that stays in_progress at 50 % forever
    hold_tasks,                 // a task that cannot finish until POST /_emulator/release
    hold_submits,               // a submit that waits, before anything is created, until released
    hold_downloads,             // a download that sends half its body, then waits until released
    expire_uploads,             // a submit whose reference is one of our uploads finds it expired
    hold_status,                // a status call that waits, before it is answered, until released
};
// How many faults there are: a new one goes last in the enum, and here.
inline constexpr size_t kFaultCount = size_t(Fault::hold_status) + 1;

class FaultPlan {
public:
    explicit FaultPlan(int gen_ms) { settings_.gen_ms = gen_ms; }

    // Applies an object such as {"fail_status": 2, "expire_results": true}.
    // Counts replace the remaining count. Throws std::invalid_argument naming
    // an unknown key or a bad value; nothing is applied then.
    void arm(const nlohmann::json& settings);

    // True (and one fewer left) when `fault` is armed.
    bool take(Fault fault);

    bool expire_results() const;
    // How long the download starting now pauses halfway: slow_downloads_ms
    // for every download, or — once slow_downloads is armed — only for that
    // many more downloads.
    int take_download_pause_ms();
    // The course a task created now takes.
    TimelineShape timeline() const;
    // The barrier: while it is above 0, every new task is held until that
    // many tasks are unfinished at once; then the task registry lets them
    // all go and disarms it.
    int hold_until_active() const;
    void disarm_hold_until_active();

    // Every setting and what is left of each count.
    nlohmann::json describe() const;

private:
    struct Settings {
        std::array<int, kFaultCount> remaining{};
        bool expire_results = false;
        int slow_downloads_ms = 0;
        std::optional<int> slow_downloads;  // unset: every download is slow
        int gen_ms = 0;
        std::optional<int> queue_ms;    // unset: the timeline's own choice
        std::optional<int> queue_seed;  // unset: an even rise after a short queue
        int hold_until_active = 0;
    };

    mutable std::mutex mutex_;
    Settings settings_;
};

}  // namespace genlayer::emulator
