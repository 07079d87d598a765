// SHA-256 of a block of bytes, as lowercase hex: the key of the upload cache
// and the address of a history entry.
#pragma once

#include <cstdint>
#include <span>
#include <string>

namespace genlayer {

std::string sha256_hex(std::span<const uint8_t> bytes);

}  // namespace genlayer
