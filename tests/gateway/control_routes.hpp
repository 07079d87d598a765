// /_emulator/… on the API port: arm faults, read the request log and the
// tasks. No key needed; these calls are not logged.
#pragma once

#include "gateway.hpp"

#include <httplib.h>

namespace genlayer::emulator {

void install_control_routes(httplib::Server& server, Gateway& gateway);

}  // namespace genlayer::emulator
