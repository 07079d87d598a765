// Area-average downscaling fed one source row at a time, top to bottom, so
// that an image read in bands (a huge local reference) is never held whole:
// only the output and two rows of sums are.
#pragma once

#include "image/rgba_image.hpp"

#include <array>
#include <cstdint>
#include <vector>

namespace genlayer {

struct PixelSize {
    uint32_t width = 0;
    uint32_t height = 0;
    bool operator==(const PixelSize&) const = default;
};

// width x height with the long edge brought down to max_long_edge (at least
// 1), the aspect kept; unchanged when it fits.
PixelSize fitted_size(uint32_t width, uint32_t height, uint32_t max_long_edge);

// The source cells one output cell of a box filter covers, and how much of
// each (weights sum to src/dst, so partly covered edge cells count partly).
class BoxFilter {
public:
    struct Footprint {
        uint32_t first = 0;
        uint32_t count = 0;
        size_t weights_at = 0;
    };
    BoxFilter(uint32_t source_cells, uint32_t output_cells);
    const Footprint& footprint(uint32_t output_cell) const { return footprints_[output_cell]; }
    const float* weights(const Footprint& footprint) const { return weights_.data() + footprint.weights_at; }

private:
    std::vector<Footprint> footprints_;
    std::vector<float> weights_;
};

class RowDownscaler {
public:
    // The output must be no larger than the source on either side.
    RowDownscaler(PixelSize source, PixelSize output);
    // Takes the next source row: source.width straight-alpha RGBA8 pixels.
    void add_row(const uint8_t* rgba);
    // True once every source row was added.
    bool complete() const { return next_source_row_ == source_.height; }
    RgbaImage take_result() { return std::move(result_); }

private:
    PixelSize source_;
    BoxFilter horizontal_;
    BoxFilter vertical_;
    float area_;  // source pixels per output pixel
    uint32_t next_source_row_ = 0;
    uint32_t next_output_row_ = 0;  // the first one not yet complete
    std::vector<float> filtered_;   // the row being added, premultiplied and filtered horizontally
    // Premultiplied sums of the (at most two) output rows a source row can
    // touch, indexed by output row % 2.
    std::array<std::vector<float>, 2> pending_;
    RgbaImage result_;
};

}  // namespace genlayer
