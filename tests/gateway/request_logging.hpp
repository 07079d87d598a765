// Puts every answered request of a server into the gateway's log, stamped
// with its arrival time. Control paths (/_emulator/…) are left out.
#pragma once

#include "gateway.hpp"

#include <httplib.h>

#include <string>

namespace genlayer::emulator {

// `gate` runs before routing, e.g. the API key check; it may answer the
// request itself (Handled). Without one every request goes to its route.
void install_request_logging(httplib::Server& server, Gateway& gateway, std::string port_name,
                             httplib::Server::HandlerWithResponse gate = {});

bool is_control_path(const std::string& path);

}  // namespace genlayer::emulator
