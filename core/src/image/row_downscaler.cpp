#include "image/row_downscaler.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace genlayer {
namespace {

// Box-filters one straight-alpha row horizontally into premultiplied sums
// (r*a, g*a, b*a, a), so that transparent pixels add no colour.
void filter_row(const uint8_t* row, const BoxFilter& filter, uint32_t output_width, float* out) {
    for (uint32_t x = 0; x < output_width; ++x) {
        const BoxFilter::Footprint& footprint = filter.footprint(x);
        const float* weight = filter.weights(footprint);
        const uint8_t* pixel = row + size_t(footprint.first) * 4;
        float r = 0, g = 0, b = 0, a = 0;
        for (uint32_t k = 0; k < footprint.count; ++k, pixel += 4) {
            const float weighted_alpha = weight[k] * float(pixel[3]);
            r += weighted_alpha * float(pixel[0]);
            g += weighted_alpha * float(pixel[1]);
            b += weighted_alpha * float(pixel[2]);
            a += weighted_alpha;
        }
        *out++ = r, *out++ = g, *out++ = b, *out++ = a;
    }
}

// Turns premultiplied sums over `area` source pixels back into straight RGBA8.
void unpremultiply_row(const float* sums, float area, uint32_t width, uint8_t* out) {
    const auto to_byte = [](float value) { return uint8_t(std::min(255.0f, value + 0.5f)); };
    const float inverse_area = 1.0f / area;
    for (uint32_t x = 0; x < width; ++x, sums += 4, out += 4) {
        const float alpha_sum = sums[3];
        const float inverse_alpha = alpha_sum > 0 ? 1.0f / alpha_sum : 0.0f;
        out[0] = to_byte(sums[0] * inverse_alpha);
        out[1] = to_byte(sums[1] * inverse_alpha);
        out[2] = to_byte(sums[2] * inverse_alpha);
        out[3] = to_byte(alpha_sum * inverse_area);
    }
}

}  // namespace

PixelSize fitted_size(uint32_t width, uint32_t height, uint32_t max_long_edge) {
    const uint32_t long_edge = std::max(width, height);
    max_long_edge = std::max(max_long_edge, 1u);
    if (long_edge <= max_long_edge) return {width, height};
    const double scale = double(max_long_edge) / long_edge;
    const auto scaled = [scale](uint32_t side) { return std::max(1u, uint32_t(std::lround(side * scale))); };
    return {scaled(width), scaled(height)};
}

BoxFilter::BoxFilter(uint32_t source_cells, uint32_t output_cells) {
    const double scale = double(source_cells) / output_cells;
    footprints_.reserve(output_cells);
    for (uint32_t i = 0; i < output_cells; ++i) {
        const double begin = i * scale;
        const double end = (i + 1) * scale;
        Footprint footprint{uint32_t(begin), 0, weights_.size()};
        const uint32_t last = std::min(source_cells, uint32_t(std::ceil(end)));
        for (uint32_t s = footprint.first; s < last; ++s)
            weights_.push_back(float(std::min(end, s + 1.0) - std::max(begin, double(s))));
        footprint.count = last - footprint.first;
        footprints_.push_back(footprint);
    }
}

RowDownscaler::RowDownscaler(PixelSize source, PixelSize output)
    : source_(source),
      horizontal_(source.width, output.width),
      vertical_(source.height, output.height),
      area_(float(source.width) / float(output.width) * float(source.height) / float(output.height)),
      filtered_(size_t(output.width) * 4),
      pending_{std::vector<float>(size_t(output.width) * 4), std::vector<float>(size_t(output.width) * 4)} {
    // Upscaling would let a source row touch more than two output rows.
    if (output.width > source.width || output.height > source.height || output.width == 0 || output.height == 0)
        throw std::logic_error("RowDownscaler only scales down");
    result_.width = output.width;
    result_.height = output.height;
    // Reserved, not filled: memory is touched row by row as rows complete, so
    // a file that ends early costs only what it held.
    result_.pixels.reserve(size_t(output.width) * output.height * 4);
}

void RowDownscaler::add_row(const uint8_t* rgba) {
    const uint32_t y = next_source_row_++;
    filter_row(rgba, horizontal_, result_.width, filtered_.data());
    for (uint32_t out_y = next_output_row_; out_y < result_.height; ++out_y) {
        const BoxFilter::Footprint& footprint = vertical_.footprint(out_y);
        if (footprint.first > y) break;
        const float weight = vertical_.weights(footprint)[y - footprint.first];
        std::vector<float>& sums = pending_[out_y % 2];
        for (size_t i = 0; i < sums.size(); ++i) sums[i] += weight * filtered_[i];
        if (y + 1 == footprint.first + footprint.count) {
            result_.pixels.resize(result_.pixels.size() + result_.row_bytes());
            unpremultiply_row(sums.data(), area_, result_.width, result_.row(out_y));
            std::fill(sums.begin(), sums.end(), 0.0f);
            ++next_output_row_;
        }
    }
}

}  // namespace genlayer
