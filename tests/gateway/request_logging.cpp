#include "request_logging.hpp"

namespace genlayer::emulator {
namespace {

// httplib routes and logs a request on one worker thread, so the arrival
// stamp can wait there for the logger.
struct Arrival {
    const httplib::Request* request = nullptr;
    long long t_ms = 0;
};
thread_local Arrival current_arrival;

}  // namespace

bool is_control_path(const std::string& path) { return path.starts_with("/_emulator/"); }

void install_request_logging(httplib::Server& server, Gateway& gateway, std::string port_name,
                             httplib::Server::HandlerWithResponse gate) {
    server.set_pre_routing_handler(
        [&gateway, gate = std::move(gate)](const httplib::Request& request, httplib::Response& response) {
            current_arrival = {&request, gateway.clock.now_ms()};
            if (!gate || is_control_path(request.path)) return httplib::Server::HandlerResponse::Unhandled;
            return gate(request, response);
        });
    // Recorded after routing but before the first byte goes out, so a client
    // that has its answer always finds the request in the log.
    server.set_post_routing_handler(
        [&gateway, port_name = std::move(port_name)](const httplib::Request& request, httplib::Response& response) {
            if (is_control_path(request.path)) return;
            // A request httplib refused before routing was never stamped.
            const long long t_ms = current_arrival.request == &request ? current_arrival.t_ms : gateway.clock.now_ms();
            gateway.log.record({port_name, request.method, request.path, response.status,
                                request.has_header("Authorization"), t_ms, request.get_header_value("User-Agent")});
        });
}

}  // namespace genlayer::emulator
