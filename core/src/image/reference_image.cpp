#include "image/reference_image.hpp"

#include "base/status.hpp"
#include "image/row_downscaler.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <optional>
#include <vector>

namespace genlayer {
namespace {

constexpr int kOpaqueJpegQualities[] = {92, 85, 78, 70};
constexpr double kShrinkStep = 0.8;

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
        EncodedImage png = encode_png(image, kClientPngCompression);
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
    const PixelSize size = fitted_size(image.width, image.height, max_long_edge);
    if (size == PixelSize{image.width, image.height}) return copy_of(image);
    RowDownscaler downscaler({image.width, image.height}, size);
    for (uint32_t y = 0; y < image.height; ++y) downscaler.add_row(image.pixels + y * image.stride);
    return downscaler.take_result();
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
