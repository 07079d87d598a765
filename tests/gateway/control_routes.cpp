#include "control_routes.hpp"

#include "gateway_responses.hpp"

#include <nlohmann/json.hpp>

#include <stdexcept>

namespace genlayer::emulator {

void install_control_routes(httplib::Server& server, Gateway& gateway) {
    server.Post("/_emulator/faults", [&gateway](const httplib::Request& request, httplib::Response& response) {
        try {
            gateway.faults.arm(nlohmann::json::parse(request.body));
        } catch (const std::exception& error) {  // bad JSON or an unknown fault
            response.status = 400;
            return send_json(response, {{"error", error.what()}});
        }
        send_json(response, gateway.faults.describe());
    });
    server.Get("/_emulator/faults", [&gateway](const httplib::Request&, httplib::Response& response) {
        send_json(response, gateway.faults.describe());
    });
    server.Get("/_emulator/log", [&gateway](const httplib::Request&, httplib::Response& response) {
        send_json(response, gateway.log.entries());
    });
    server.Get("/_emulator/tasks", [&gateway](const httplib::Request&, httplib::Response& response) {
        send_json(response, gateway.tasks.describe(gateway.clock.now_ms()));
    });
}

}  // namespace genlayer::emulator
