// Settings turned into what a GatewayClient needs, in one place for the job,
// the CLI and the batch runner.
#pragma once

#include "gateway/gateway_client.hpp"
#include "gateway/settings.hpp"

namespace genlayer {

Clock::time_point deadline_after(double seconds);

// Throws Error(AUTH) with the sentence that says where a key goes.
void require_api_key(const Settings& settings);

GatewayClient::Config gateway_config(const Settings& settings, Clock::time_point deadline);

}  // namespace genlayer
