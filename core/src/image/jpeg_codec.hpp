// JPEG through libjpeg-turbo's TurboJPEG API: opaque references go up as
// JPEG, and some results come back as JPEG.
#pragma once

#include "image/codec_common.hpp"
#include "image/rgba_image.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace genlayer {

// Alpha is dropped (the caller checked the image is opaque); 4:2:0 chroma.
std::vector<uint8_t> encode_jpeg_bytes(const RgbaView& image, int quality);

// Gray or colour JPEG to RGBA8 with alpha 255. A truncated or damaged file
// is refused, not padded with gray as libjpeg would. nullopt for a CMYK (or
// YCCK) JPEG, which TurboJPEG does not convert (print workflows make them;
// the OpenImageIO module reads them).
std::optional<RgbaImage> decode_jpeg(std::span<const uint8_t> bytes, const DecodeLimits& limits);

}  // namespace genlayer
