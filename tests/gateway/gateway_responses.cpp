#include "gateway_responses.hpp"

namespace genlayer::emulator {

void send_json(httplib::Response& response, const nlohmann::json& body) {
    response.set_content(body.dump(), "application/json");
}

void send_api_error(httplib::Response& response, const ApiRefusal& refusal) {
    const bool numeric_code = refusal.http_status == 401 || refusal.http_status == 429 || refusal.http_status >= 500;
    const nlohmann::json body = {
        {"error",
         {{"message", refusal.message},
          {"type", refusal.type},
          {"code", numeric_code ? nlohmann::json(refusal.http_status) : nlohmann::json(refusal.type)}}}};
    response.status = refusal.http_status;
    send_json(response, body);
}

void send_upload_error(httplib::Response& response, const std::string& message) {
    response.status = 400;
    send_json(response, {{"success", false}, {"message", message}});
}

}  // namespace genlayer::emulator
