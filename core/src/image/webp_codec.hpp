// WebP decoding through libwebp: the gateway accepts WebP references, and a
// person may hand one in.
#pragma once

#include "image/codec_common.hpp"
#include "image/rgba_image.hpp"

#include <cstdint>
#include <span>

namespace genlayer {

// A still WebP, lossy or lossless, to straight RGBA8 (animations are refused).
RgbaImage decode_webp(std::span<const uint8_t> bytes, const DecodeLimits& limits);

}  // namespace genlayer
