#include "image/reference_image.hpp"

#include "base/status.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <optional>
#include <vector>

namespace genlayer {
namespace {

constexpr int kOpaqueJpegQualities[] = {92, 85, 78, 70};
constexpr double kShrinkStep = 0.8;

// The source cells one output cell of a box filter covers, and how much of
// each (weights sum to src/dst, so partly covered edge cells count partly).
struct Footprint {
    uint32_t first = 0;
    uint32_t count = 0;
    size_t weights_at = 0;
};

struct BoxFilter {
    std::vector<Footprint> footprints;
    std::vector<float> weights;

    BoxFilter(uint32_t source_cells, uint32_t output_cells) {
        const double scale = double(source_cells) / output_cells;
        footprints.reserve(output_cells);
        for (uint32_t i = 0; i < output_cells; ++i) {
            const double begin = i * scale;
            const double end = (i + 1) * scale;
            Footprint footprint{uint32_t(begin), 0, weights.size()};
            const uint32_t last = std::min(source_cells, uint32_t(std::ceil(end)));
            for (uint32_t s = footprint.first; s < last; ++s)
                weights.push_back(float(std::min(end, s + 1.0) - std::max(begin, double(s))));
            footprint.count = last - footprint.first;
            footprints.push_back(footprint);
        }
    }
};

// Adds one source row, weighted, to per-pixel premultiplied sums
// (r*a, g*a, b*a, a), so that transparent pixels add no colour.
void add_row(const uint8_t* pixel, uint32_t width, float weight, float* sums) {
    for (uint32_t x = 0; x < width; ++x, pixel += 4, sums += 4) {
        const float weighted_alpha = weight * float(pixel[3]);
        sums[0] += weighted_alpha * float(pixel[0]);
        sums[1] += weighted_alpha * float(pixel[1]);
        sums[2] += weighted_alpha * float(pixel[2]);
        sums[3] += weighted_alpha;
    }
}

// Box-filters a row of premultiplied sums horizontally.
void filter_row(const float* sums, const BoxFilter& filter, float* out) {
    for (const Footprint& footprint : filter.footprints) {
        const float* weight = filter.weights.data() + footprint.weights_at;
        const float* in = sums + size_t(footprint.first) * 4;
        float r = 0, g = 0, b = 0, a = 0;
        for (uint32_t k = 0; k < footprint.count; ++k, in += 4) {
            r += weight[k] * in[0];
            g += weight[k] * in[1];
            b += weight[k] * in[2];
            a += weight[k] * in[3];
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

RgbaImage copy_of(const RgbaView& image) {
    RgbaImage copy(image.width, image.height);
    for (uint32_t y = 0; y < image.height; ++y)
        std::memcpy(copy.row(y), image.pixels + y * image.stride, copy.row_bytes());
    return copy;
}

uint32_t long_edge_of(const RgbaView& image) { return std::max(image.width, image.height); }

// The best-quality encoding of `image` within max_bytes, or nothing.
std::optional<EncodedImage> encode_within(const RgbaView& image, bool opaque, size_t max_bytes) {
    if (!opaque) {
        EncodedImage png = encode_png(image, kFastPngCompression);
        return png.bytes.size() <= max_bytes ? std::optional(std::move(png)) : std::nullopt;
    }
    for (int quality : kOpaqueJpegQualities) {
        EncodedImage jpeg = encode_jpeg(image, quality);
        if (jpeg.bytes.size() <= max_bytes) return jpeg;
    }
    return std::nullopt;
}

}  // namespace

RgbaImage downscale_to_fit(const RgbaView& image, uint32_t max_long_edge) {
    const uint32_t long_edge = long_edge_of(image);
    max_long_edge = std::max(max_long_edge, 1u);
    if (long_edge <= max_long_edge) return copy_of(image);

    const double scale = double(max_long_edge) / long_edge;
    const auto scaled = [scale](uint32_t side) { return std::max(1u, uint32_t(std::lround(side * scale))); };
    RgbaImage result(scaled(image.width), scaled(image.height));

    const BoxFilter horizontal(image.width, result.width);
    const BoxFilter vertical(image.height, result.height);
    const float area = float(image.width) / float(result.width) * float(image.height) / float(result.height);

    // Source rows are summed vertically first (each is read once per output
    // row it touches), then each output row is filtered horizontally once.
    std::vector<float> column_sums(size_t(image.width) * 4);
    std::vector<float> output_sums(size_t(result.width) * 4);
    for (uint32_t y = 0; y < result.height; ++y) {
        const Footprint& footprint = vertical.footprints[y];
        std::fill(column_sums.begin(), column_sums.end(), 0.0f);
        for (uint32_t k = 0; k < footprint.count; ++k)
            add_row(image.pixels + (footprint.first + k) * image.stride, image.width,
                    vertical.weights[footprint.weights_at + k], column_sums.data());
        filter_row(column_sums.data(), horizontal, output_sums.data());
        unpremultiply_row(output_sums.data(), area, result.width, result.row(y));
    }
    return result;
}

EncodedImage prepare_reference(const RgbaView& region, const ReferenceLimits& limits) {
    if (region.width == 0 || region.height == 0)
        throw Error(GENLAYER_INVALID_REQUEST, "The reference region is empty; select at least one pixel.");

    const bool opaque = !has_transparency(region);
    uint32_t long_edge = std::min(long_edge_of(region), std::max(limits.max_long_edge, 1u));
    RgbaImage scaled;
    RgbaView current = region;  // encoded straight from the caller's pixels when no scaling is needed
    for (;;) {
        if (long_edge < long_edge_of(region)) {
            scaled = downscale_to_fit(region, long_edge);
            current = view_of(scaled);
        }
        if (auto encoded = encode_within(current, opaque, limits.max_bytes)) return std::move(*encoded);
        if (long_edge == 1)
            throw Error(GENLAYER_INVALID_REQUEST, "The reference image does not fit in " +
                                                      std::to_string(limits.max_bytes) +
                                                      " bytes even at one pixel; allow a larger upload.");
        long_edge = std::max(1u, uint32_t(long_edge * kShrinkStep));
    }
}

}  // namespace genlayer
