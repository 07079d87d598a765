#include "common_options.hpp"

#include "base/status.hpp"

namespace genlayer::cli {

std::vector<std::string> with_common_flags(std::vector<std::string> flags) {
    flags.insert(flags.end(),
                 {"--base-url", "--timeout", "--connect-timeout", "--stall-timeout", "--poll", "--size-dialect"});
    return flags;
}

std::vector<std::string> with_common_switches(std::vector<std::string> switches) {
    switches.insert(switches.end(), {"--json", "--quiet"});
    return switches;
}

CommonOptions read_common_options(const Arguments& args) {
    CommonOptions options;
    options.overrides.base_url = args.value("--base-url");
    options.overrides.timeout_s = args.number("--timeout");
    options.overrides.connect_timeout_s = args.number("--connect-timeout");
    options.overrides.stall_timeout_s = args.number("--stall-timeout");
    options.overrides.size_dialect = args.value("--size-dialect");
    options.json = args.has("--json");
    options.quiet = args.has("--quiet");
    if (auto poll = args.value("--poll")) {
        if (*poll == "documented")
            options.poll_mode = PollMode::documented;
        else if (*poll != "adaptive")
            throw Error(GENLAYER_INVALID_REQUEST, "--poll takes adaptive or documented (got \"" + *poll + "\").");
    }
    return options;
}

}  // namespace genlayer::cli
