#include "gateway/gateway_config.hpp"

#include "base/status.hpp"

namespace genlayer {

namespace {

std::chrono::milliseconds milliseconds_of(double seconds) {
    return std::chrono::ceil<std::chrono::milliseconds>(std::chrono::duration<double>(seconds));
}

}  // namespace

Clock::time_point deadline_after(double seconds) {
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
