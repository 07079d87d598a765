// /_emulator/… on the API port: arm faults and holds, release what is held,
// read the request log, the tasks and the state, and wait for a state. No
// key needed; these calls are not logged.
#pragma once

#include "gateway.hpp"

#include <httplib.h>

namespace genlayer::emulator {

void install_control_routes(httplib::Server& server, Gateway& gateway);

}  // namespace genlayer::emulator
