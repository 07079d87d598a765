// An owned straight-alpha RGBA8 image with tightly packed rows.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace genlayer {

struct RgbaImage {
    uint32_t width = 0;
    uint32_t height = 0;
    std::vector<uint8_t> pixels;  // width * height * 4 bytes

    RgbaImage() = default;
    RgbaImage(uint32_t w, uint32_t h) : width(w), height(h), pixels(size_t(w) * h * 4) {}
    size_t row_bytes() const { return size_t(width) * 4; }
    uint8_t* row(uint32_t y) { return pixels.data() + y * row_bytes(); }
    const uint8_t* row(uint32_t y) const { return pixels.data() + y * row_bytes(); }
};

// A borrowed view of RGBA8 pixels with any stride (what the C ABI hands in).
struct RgbaView {
    uint32_t width = 0;
    uint32_t height = 0;
    size_t stride = 0;
    const uint8_t* pixels = nullptr;
};

inline RgbaView view_of(const RgbaImage& image) {
    return {image.width, image.height, image.row_bytes(), image.pixels.data()};
}

}  // namespace genlayer
