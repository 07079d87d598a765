// The files port — "another host" in the spec: uploads and generated
// results, no key required, with the download faults of the FaultPlan.
#pragma once

#include "gateway.hpp"

#include <httplib.h>

namespace genlayer::emulator {

void install_files_routes(httplib::Server& server, Gateway& gateway);

}  // namespace genlayer::emulator
