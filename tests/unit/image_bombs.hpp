// Decompression bombs: tiny files whose headers declare huge images, one per
// format the client decodes in-process. A decoder that believed them would
// allocate gigabytes before finding out the data is not there.
#pragma once

#include "hand_made_png.hpp"

#include <turbojpeg.h>

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace genlayer::test {

// A gray PNG whose IHDR declares width x height and whose data holds one row
// of 100 samples; every chunk is whole and passes its CRC.
inline std::vector<uint8_t> png_declaring(uint32_t width, uint32_t height) {
    return HandMadePng(width, height, 0).image_data({std::vector<uint8_t>(100, 0)}).finish();
}

// A real 16x16 gray JPEG whose SOF0 is then made to declare width x height.
inline std::vector<uint8_t> jpeg_declaring(uint16_t width, uint16_t height) {
    std::vector<uint8_t> gray(16 * 16, 128);
    tjhandle compressor = tjInitCompress();
    unsigned char* jpeg = nullptr;
    unsigned long size = 0;
    const int failed = tjCompress2(compressor, gray.data(), 16, 0, 16, TJPF_GRAY, &jpeg, &size, TJSAMP_GRAY, 90, 0);
    std::vector<uint8_t> bytes(jpeg, jpeg + (failed ? 0 : size));
    tjFree(jpeg);
    tjDestroy(compressor);
    const uint8_t sof0[] = {0xff, 0xc0};
    const auto at = std::search(bytes.begin(), bytes.end(), std::begin(sof0), std::end(sof0));
    if (failed || bytes.end() - at < 9) throw std::logic_error("TurboJPEG wrote no baseline JPEG");
    // FF C0, length (2), precision (1), then height and width, big-endian.
    at[5] = uint8_t(height >> 8), at[6] = uint8_t(height), at[7] = uint8_t(width >> 8), at[8] = uint8_t(width);
    return bytes;
}

// A lossless WebP (VP8L) header declaring width x height (at most 16384 a
// side, all the format can say), followed by a few bytes of nothing.
inline std::vector<uint8_t> webp_declaring(uint32_t width, uint32_t height) {
    const auto le32 = [](std::vector<uint8_t>& out, uint32_t value) {
        for (int shift = 0; shift < 32; shift += 8) out.push_back(uint8_t(value >> shift));
    };
    // Signature, then 14 bits of width - 1, 14 of height - 1, alpha, version 0.
    std::vector<uint8_t> vp8l = {0x2f};
    le32(vp8l, (width - 1) | (height - 1) << 14 | 1u << 28);
    vp8l.resize(16, 0);
    std::vector<uint8_t> bytes = {'R', 'I', 'F', 'F'};
    le32(bytes, uint32_t(4 + 8 + vp8l.size()));
    bytes.insert(bytes.end(), {'W', 'E', 'B', 'P', 'V', 'P', '8', 'L'});
    le32(bytes, uint32_t(vp8l.size()));
    bytes.insert(bytes.end(), vp8l.begin(), vp8l.end());
    return bytes;
}

}  // namespace genlayer::test
