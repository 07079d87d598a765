// The gateway's API port: key check, upload, submit and status, per
// spec/gateway-api.md, with the faults of the FaultPlan.
#pragma once

#include "gateway.hpp"

#include <httplib.h>

namespace genlayer::emulator {

void install_api_routes(httplib::Server& server, Gateway& gateway);

}  // namespace genlayer::emulator
