// The emulator's command line.
#pragma once

#include "gateway/size_table.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace genlayer::emulator {

constexpr int kDefaultGenMs = 3000;

struct GatewayOptions {
    int port = 0;                                    // 0: a free loopback port
    int files_port = 0;                              // 0: a free loopback port
    std::string api_key;                             // empty: any non-empty key is accepted
    int max_active = 0;                              // unfinished tasks per key; 0: no limit
    SizeDialect size_dialect = SizeDialect::pixels;  // the only one it accepts
    std::optional<ImageSize> result_size;
    long long result_ttl_s = 86400;
    std::string log_path;
    // gen_ms and the faults, in the form POST /_emulator/faults takes.
    nlohmann::json faults = nlohmann::json::object();
    bool help = false;
};

// Throws std::invalid_argument with one sentence naming the bad option.
GatewayOptions parse_gateway_options(const std::vector<std::string>& args);

// The --help text: options, fault switches, control endpoints and prompt conventions.
const char* gateway_usage();

}  // namespace genlayer::emulator
