// Images in memory and in files. Results from the gateway are decoded by
// OpenImageIO (the module of image_file_module.hpp). Local files in PNG, JPEG
// and WebP, and every encode, go through those formats' own libraries
// in-process; every other format of a local file goes through the module.
#pragma once

#include "image/codec_common.hpp"
#include "image/rgba_image.hpp"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace genlayer {

struct EncodedImage {
    std::vector<uint8_t> bytes;
    std::string mime_type;  // "image/png" or "image/jpeg"
    std::string extension;  // "png" or "jpg"
    uint32_t width = 0;
    uint32_t height = 0;
};

// zlib level 1: a noisy 2048x2048 PNG is 4% larger than at level 6 but
// encodes in 40% of the time.
constexpr int kFastPngCompression = 1;

// True when any pixel's alpha is below 255.
bool has_transparency(const RgbaView& image);

EncodedImage encode_png(const RgbaView& image, int compression_level);
// Alpha is dropped (the caller checked the image is opaque).
EncodedImage encode_jpeg(const RgbaView& image, int quality);

// Decodes a result (PNG, JPEG, WebP or GIF bytes) to RGBA8 through
// OpenImageIO (gray, RGB, 16-bit and palette images are converted). The
// dimensions are checked against `limits` before any pixel memory is
// allocated. Throws Error(BAD_RESPONSE) for corrupt or oversized data, or
// when the module cannot be loaded; the sentence names the problem.
RgbaImage decode_result(std::span<const uint8_t> bytes, const DecodeLimits& limits = {});

// The same through the in-process codecs, which also read local files; GIF
// and CMYK JPEG still go through the module.
RgbaImage decode_image(std::span<const uint8_t> bytes, const DecodeLimits& limits = {});

// Reads a local file into RGBA8 (any format OpenImageIO reads), scaled down
// so that its long edge is at most max_long_edge (0: full size). PNG, JPEG
// and WebP are scaled as they are decoded, so a huge poster costs the
// output's memory, not its own: their sides are checked against `limits`,
// and the output's pixels. Other formats are decoded whole within `limits`.
// Throws Error(INVALID_REQUEST) naming the file when it cannot be read.
RgbaImage read_image_file(const std::string& path, const DecodeLimits& limits = {}, uint32_t max_long_edge = 0);

// Writes RGBA8 to a file whose extension picks the format (png, jpg, tif,
// …). The file is written under a temporary name and renamed into place, so
// an interrupted write never leaves a truncated image under the real name.
void write_image_file(const std::string& path, const RgbaView& image);

}  // namespace genlayer
