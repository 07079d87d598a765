// Reading the gateway's JSON answers, whose fields may be absent or of an
// unexpected type: every reader falls back to empty or zero.
// parse_task itself is declared in gateway_client.hpp.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace genlayer {

std::string json_string_field(const nlohmann::json& object, const char* name);

long long json_number_field(const nlohmann::json& object, const char* name);

// An error code, number or string, as text.
std::string json_code_text(const nlohmann::json& value);

}  // namespace genlayer
