// WebP decoding through libwebp: the gateway accepts WebP references, and a
// person may hand one in.
#pragma once

#include "image/codec_common.hpp"
#include "image/rgba_image.hpp"
#include "image/row_downscaler.hpp"

#include <cstdint>
#include <span>

namespace genlayer {

// A still WebP, lossy or lossless, to straight RGBA8 (animations are
// refused), scaled while it is decoded so that its long edge is at most
// max_long_edge (0: full size). Only the sides of the file and the pixels of
// the output are checked against `limits`.
// The size a WebP declares in its header, read without decoding; throws
// CodecProblem when the header is damaged or cut short.
PixelSize declared_webp_size(std::span<const uint8_t> bytes);

RgbaImage decode_webp(std::span<const uint8_t> bytes, const DecodeLimits& limits, uint32_t max_long_edge = 0);

}  // namespace genlayer
