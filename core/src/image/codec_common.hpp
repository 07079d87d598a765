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
};

class CodecProblem : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Throws CodecProblem when a header's dimensions are empty or over the limit.
inline void check_dimensions(uint64_t width, uint64_t height, const DecodeLimits& limits) {
    if (width == 0 || height == 0) throw CodecProblem("it has no pixels");
    if (width > limits.max_side || height > limits.max_side)
        throw CodecProblem("it is " + std::to_string(width) + "x" + std::to_string(height) +
                           " pixels, over the limit of " + std::to_string(limits.max_side) + " per side");
}

}  // namespace genlayer
