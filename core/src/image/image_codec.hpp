// Images in memory and in files. PNG, JPEG and WebP, results and local files
// alike, and every encode, go through those formats' own libraries
// in-process; every other format goes through OpenImageIO (the module of
// image_file_module.hpp).
#pragma once

#include "image/codec_common.hpp"
#include "image/png_codec.hpp"
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
// encodes in 40% of the time. Written files use it, and so do the
// emulator's results, like a gateway's ordinary PNGs.
constexpr PngCompression kFastPngCompression{1, false};

// What the client sends and keeps: references with alpha and thumbnails,
// mostly photographs. Against level 1, a noisy 2048x2048 photo encodes in
// 55% of the time and is 9% smaller; a screenshot takes as long and is a
// quarter larger.
constexpr PngCompression kClientPngCompression{1, true};

// True when any pixel's alpha is below 255.
bool has_transparency(const RgbaView& image);

EncodedImage encode_png(const RgbaView& image, PngCompression compression);
// Alpha is dropped (the caller checked the image is opaque).
EncodedImage encode_jpeg(const RgbaView& image, int quality);

// Decodes PNG, JPEG, WebP or GIF bytes, such as a result, to straight RGBA8
// (gray, RGB, 16-bit and palette images are converted). The dimensions are
// checked against `limits` before any pixel memory is allocated. PNG, JPEG
// and WebP go through their own libraries in-process, in about two
// thirds of OpenImageIO's time for a 2048x2048 PNG; GIF and CMYK JPEG go through the
// module. Throws Error(BAD_RESPONSE) for corrupt or oversized data, or when
// the module is needed and cannot be loaded; the sentence names the problem.
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
