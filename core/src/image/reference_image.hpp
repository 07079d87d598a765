// Turning a source region into the reference image the gateway receives:
// scaled down to the output tier, JPEG when opaque and PNG when alpha
// matters, always under the upload limit.
#pragma once

#include "image/image_codec.hpp"
#include "image/rgba_image.hpp"

#include <cstddef>

namespace genlayer {

constexpr size_t kUploadLimitBytes = size_t(10) * 1024 * 1024;

struct ReferenceLimits {
    uint32_t max_long_edge = 2048;  // the requested output's long edge
    size_t max_bytes = kUploadLimitBytes;
};

// Downscales (area average, aspect kept) so the long edge is at most
// limits.max_long_edge; returns the input unchanged (copied) if it already fits.
RgbaImage downscale_to_fit(const RgbaView& image, uint32_t max_long_edge);

// Fully opaque: JPEG quality 92. With alpha: PNG (fast compression level).
// Over max_bytes: lower JPEG quality step by step (not below 70), then shrink
// the long edge by steps of 0.8 until it fits. Never returns more than
// max_bytes; throws Error(INVALID_REQUEST) only if even a tiny image does not fit.
EncodedImage prepare_reference(const RgbaView& region, const ReferenceLimits& limits);

}  // namespace genlayer
