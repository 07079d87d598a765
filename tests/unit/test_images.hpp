// Images the codec tests encode and decode.
#pragma once

#include "image/rgba_image.hpp"

#include <cstdint>

namespace genlayer::test {

// Every pixel different, alpha included (some fully transparent with colour).
inline RgbaImage varied_image(uint32_t width, uint32_t height) {
    RgbaImage image(width, height);
    for (size_t i = 0; i < image.pixels.size(); ++i) image.pixels[i] = uint8_t(i * 37 + i / 7);
    return image;
}

// Smooth and opaque: lossy codecs and scaling land near the area average.
inline RgbaImage opaque_gradient(uint32_t width, uint32_t height) {
    RgbaImage image(width, height);
    for (uint32_t y = 0; y < height; ++y)
        for (uint32_t x = 0; x < width; ++x) {
            uint8_t* p = image.row(y) + x * 4;
            p[0] = uint8_t(x * 255 / width), p[1] = uint8_t(y * 255 / height), p[2] = 128, p[3] = 255;
        }
    return image;
}

}  // namespace genlayer::test
