#include "gateway/gateway_config.hpp"

#include "base/status.hpp"

#include <algorithm>

namespace genlayer {

namespace {

// Longer than anything may take. Beyond it a timeout is no limit at all:
// the clock's nanoseconds cannot hold much more (292 years), and casting a
// larger double to them is undefined.
constexpr double kLongestSeconds = 10.0 * 365 * 24 * 3600;

std::chrono::milliseconds milliseconds_of(double seconds) {
    const std::chrono::duration<double> bounded(std::min(seconds, kLongestSeconds));
    return std::chrono::ceil<std::chrono::milliseconds>(bounded);
}

}  // namespace

Clock::time_point deadline_after(double seconds) {
    if (!(seconds < kLongestSeconds)) return Clock::time_point::max();
    return Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
}

void require_api_key(const Settings& settings) {
    if (settings.api_key.empty())
        throw Error(GENLAYER_AUTH, "No API key is set; set TOAPIS_API_KEY or enter the key in the dialog.");
}

GatewayClient::Config gateway_config(const Settings& settings, Clock::time_point deadline) {
    GatewayClient::Config config;
    config.base_url = settings.base_url;
    config.api_key = settings.api_key;
    config.deadline = deadline;
    config.connect_timeout = milliseconds_of(settings.connect_timeout_s);
    config.stall_timeout = milliseconds_of(settings.stall_timeout_s);
    return config;
}

}  // namespace genlayer
