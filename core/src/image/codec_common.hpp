// What every image codec shares: the limits a decode checks before it
// allocates, and the exception that carries a problem as a phrase. The
// callers (image_codec.cpp) turn the phrase into a sentence that names what
// was being read.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace genlayer {

struct DecodeLimits {
    uint32_t max_side = 16384;
    // What the decoded RGBA8 pixels may take: a 4096x4096 image, more than
    // any result the gateway makes (4K is 3840x2160).
    uint64_t max_decoded_bytes = uint64_t(64) * 1024 * 1024;
};

class CodecProblem : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Throws CodecProblem when a header's dimensions are empty or a side is over the limit.
inline void check_sides(uint64_t width, uint64_t height, const DecodeLimits& limits) {
    if (width == 0 || height == 0) throw CodecProblem("it has no pixels");
    if (width > limits.max_side || height > limits.max_side)
        throw CodecProblem("it is " + std::to_string(width) + "x" + std::to_string(height) +
                           " pixels, over the limit of " + std::to_string(limits.max_side) + " per side");
}

// Throws CodecProblem when width x height RGBA8 pixels would take more than the limit.
inline void check_decoded_bytes(uint64_t width, uint64_t height, const DecodeLimits& limits) {
    constexpr uint64_t kMiB = uint64_t(1024) * 1024;
    if (width * height * 4 > limits.max_decoded_bytes)
        throw CodecProblem("it is " + std::to_string(width) + "x" + std::to_string(height) + " pixels, " +
                           std::to_string(width * height * 4 / kMiB) + " MB decoded, over the limit of " +
                           std::to_string(limits.max_decoded_bytes / kMiB) + " MB");
}

// Both checks, for a decode that holds the whole image.
inline void check_dimensions(uint64_t width, uint64_t height, const DecodeLimits& limits) {
    check_sides(width, height, limits);
    check_decoded_bytes(width, height, limits);
}

}  // namespace genlayer
