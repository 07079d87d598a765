// PNG through libpng: references with alpha go up as PNG, results come back
// as PNG.
#pragma once

#include "image/codec_common.hpp"
#include "image/rgba_image.hpp"

#include <cstdint>
#include <cstdio>
#include <span>
#include <vector>

namespace genlayer {

// How zlib squeezes a PNG's rows (after the Up filter).
struct PngCompression {
    int level = 1;            // 0-9
    bool run_length = false;  // zlib's Z_RLE: a match may only repeat the byte before
};

// Straight-alpha RGBA8. Throws CodecProblem only when memory runs out.
std::vector<uint8_t> encode_png_bytes(const RgbaView& image, PngCompression compression);

// Throws CodecProblem naming a PNG cut short or damaged in transit: every
// chunk must be complete and pass its CRC, up to IEND. Checked before any
// decoder sees the bytes, which then has nothing to complain of on stderr
// (libpng would print "read beyond end of data" or "IDAT: CRC error").
void check_png_intact(std::span<const uint8_t> bytes);

// Any PNG (gray, palette, 16-bit, with or without alpha) to straight RGBA8.
// Damaged or cut-short data is refused before libpng decodes it.
RgbaImage decode_png(std::span<const uint8_t> bytes, const DecodeLimits& limits);

// A PNG file read row by row and scaled down as it is read so that its long
// edge is at most max_long_edge (0: full size): a huge poster never sits
// whole in memory. Only the sides of the file and the pixels of the output
// are checked against `limits` (an interlaced file, which libpng cannot give
// row by row, is read whole and checked so).
RgbaImage read_png_file(std::FILE* file, uint32_t max_long_edge, const DecodeLimits& limits);

}  // namespace genlayer
