// The options every command shares: --base-url, the timeouts, --poll,
// --size-dialect, --json, --quiet.
#pragma once

#include "arguments.hpp"
#include "gateway/settings.hpp"
#include "jobs/poll_schedule.hpp"

#include <string>
#include <vector>

namespace genlayer::cli {

struct CommonOptions {
    SettingsOverrides overrides;
    bool json = false;
    bool quiet = false;
    PollMode poll_mode = PollMode::adaptive;
};

// The command's own flags plus the shared ones.
std::vector<std::string> with_common_flags(std::vector<std::string> flags);
std::vector<std::string> with_common_switches(std::vector<std::string> switches);

CommonOptions read_common_options(const Arguments& args);

}  // namespace genlayer::cli
