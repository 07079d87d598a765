// How the emulator answers: JSON bodies and the gateway's two error shapes
// (A for the API, B for uploads).
#pragma once

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <string>

namespace genlayer::emulator {

// Thrown by API handlers; answered in shape A. The code is numeric for 401,
// 429 and 5xx and the type's name otherwise, so clients meet both forms.
struct ApiRefusal {
    int http_status = 400;
    std::string type;
    std::string message;
};

void send_json(httplib::Response& response, const nlohmann::json& body);

// {"error": {"message", "type", "code"}}; headers already set on `response` stay.
void send_api_error(httplib::Response& response, const ApiRefusal& refusal);

// {"success": false, "message"} with status 400.
void send_upload_error(httplib::Response& response, const std::string& message);

}  // namespace genlayer::emulator
