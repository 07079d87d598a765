// Writes a PNG file row by row through libpng, so that a test can make a
// huge file (a 12000x12000 poster) without holding its pixels, or an
// interlaced one, which nothing else here writes.
#pragma once

#include <png.h>

#include <cstdint>
#include <cstdio>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace genlayer::test {

struct PngFileSpec {
    uint32_t width = 0;
    uint32_t height = 0;
    int color_type = PNG_COLOR_TYPE_RGB_ALPHA;
    bool interlaced = false;
};

// fill_row(y, samples) writes row y's 8-bit samples (width x channels).
// libpng's default error handling aborts the test, which is what a broken
// writer deserves.
inline void write_png_file(const std::string& path, const PngFileSpec& spec,
                           const std::function<void(uint32_t, uint8_t*)>& fill_row) {
    std::FILE* file = std::fopen(path.c_str(), "wb");
    if (!file) throw std::runtime_error("cannot create " + path);
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
    png_infop info = png_create_info_struct(png);
    png_init_io(png, file);
    png_set_compression_level(png, 1);
    png_set_IHDR(png, info, spec.width, spec.height, 8, spec.color_type,
                 spec.interlaced ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
                 PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    const int passes = spec.interlaced ? png_set_interlace_handling(png) : 1;
    std::vector<uint8_t> row(size_t(spec.width) * png_get_channels(png, info));
    for (int pass = 0; pass < passes; ++pass)
        for (uint32_t y = 0; y < spec.height; ++y) {
            fill_row(y, row.data());
            png_write_row(png, row.data());
        }
    png_write_end(png, nullptr);
    png_destroy_write_struct(&png, &info);
    std::fclose(file);
}

}  // namespace genlayer::test
