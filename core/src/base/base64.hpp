// Standard base64 (RFC 4648), for results that arrive as b64_json.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace genlayer {

// nullopt on any character outside the alphabet (whitespace is skipped) or bad padding.
std::optional<std::vector<uint8_t>> decode_base64(std::string_view text);

}  // namespace genlayer
