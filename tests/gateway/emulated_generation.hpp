// The emulator's stand-in for the image model: deterministic, so tests can
// predict every pixel, and visible, so a person can tell results apart.
#pragma once

#include "image/rgba_image.hpp"

#include <array>
#include <cstdint>
#include <string_view>

namespace genlayer {

// FNV-1a (64 bit) of the prompt, continued over the 4 little-endian bytes of
// the image's index in the task.
uint64_t generation_hash(std::string_view prompt, int index);

// The byte each RGB channel of a reference is XOR-ed with. The top bit is
// always set so that every pixel visibly changes.
std::array<uint8_t, 3> generation_xor_key(std::string_view prompt, int index);

// With a reference: the reference stretched to width x height (nearest
// neighbour), RGB XOR-ed with generation_xor_key. Without: diagonal bands of
// two colours drawn from generation_hash. Alpha is always 255: the model
// returns opaque images.
RgbaImage render_generation(std::string_view prompt, int width, int height, const RgbaImage* reference, int index);

}  // namespace genlayer
