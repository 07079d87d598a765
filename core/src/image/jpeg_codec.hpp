// JPEG through libjpeg-turbo: opaque references go up as JPEG, and some
// results come back as JPEG (the TurboJPEG API); local files are read by
// scanlines (the libjpeg API).
#pragma once

#include "image/codec_common.hpp"
#include "image/rgba_image.hpp"

#include <cstdint>
#include <cstdio>
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

// A JPEG file decoded scaled down as it is read so that its long edge is at
// most max_long_edge (0: full size): libjpeg's DCT scaling (1/2, 1/4, 1/8)
// while decoding, then an area average fed scanline by scanline, so a huge
// poster never sits whole in memory. Only the sides of the file and the
// pixels of the output are checked against `limits`. nullopt for CMYK.
std::optional<RgbaImage> read_jpeg_file(std::FILE* file, uint32_t max_long_edge, const DecodeLimits& limits);

}  // namespace genlayer
