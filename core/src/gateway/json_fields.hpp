// Fields of the gateway's JSON answers, which may be absent or of an
// unexpected type: every reader falls back to empty or zero.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace genlayer {

std::string json_string_field(const nlohmann::json& object, const char* name);

// Truncated to an integer; saturated beyond long long's range.
long long json_number_field(const nlohmann::json& object, const char* name);

// An error code, number or string, as text.
std::string json_code_text(const nlohmann::json& value);

}  // namespace genlayer
