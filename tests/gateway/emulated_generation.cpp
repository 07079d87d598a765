#include "emulated_generation.hpp"

#include <algorithm>

namespace genlayer {
namespace {

constexpr uint64_t kFnvOffset = 14695981039346656037ull;
constexpr uint64_t kFnvPrime = 1099511628211ull;

uint64_t fnv1a(uint64_t hash, uint8_t byte) { return (hash ^ byte) * kFnvPrime; }

uint8_t hash_byte(uint64_t hash, int which) { return uint8_t(hash >> (8 * which)); }

void set_pixel(uint8_t* pixel, uint8_t r, uint8_t g, uint8_t b) {
    pixel[0] = r;
    pixel[1] = g;
    pixel[2] = b;
    pixel[3] = 255;
}

void recolour_reference(RgbaImage& out, const RgbaImage& reference, const std::array<uint8_t, 3>& key) {
    for (uint32_t y = 0; y < out.height; ++y) {
        const uint8_t* source_row = reference.row(uint32_t(uint64_t(y) * reference.height / out.height));
        uint8_t* pixel = out.row(y);
        for (uint32_t x = 0; x < out.width; ++x, pixel += 4) {
            const uint8_t* source = source_row + 4 * (uint64_t(x) * reference.width / out.width);
            set_pixel(pixel, source[0] ^ key[0], source[1] ^ key[1], source[2] ^ key[2]);
        }
    }
}

void draw_bands(RgbaImage& out, uint64_t hash) {
    const uint32_t band = std::max<uint32_t>(8, std::max(out.width, out.height) / 16);
    const uint8_t first[3] = {hash_byte(hash, 0), hash_byte(hash, 1), hash_byte(hash, 2)};
    // The second colour is the first with every top bit flipped: the bands always contrast.
    const uint8_t second[3] = {uint8_t(first[0] ^ 0x80), uint8_t(first[1] ^ 0x80), uint8_t(first[2] ^ 0x80)};
    for (uint32_t y = 0; y < out.height; ++y) {
        uint8_t* pixel = out.row(y);
        for (uint32_t x = 0; x < out.width; ++x, pixel += 4) {
            const uint8_t* colour = ((x + y) / band) % 2 == 0 ? first : second;
            set_pixel(pixel, colour[0], colour[1], colour[2]);
        }
    }
}

}  // namespace

uint64_t generation_hash(std::string_view prompt, int index) {
    uint64_t hash = kFnvOffset;
    for (char c : prompt) hash = fnv1a(hash, uint8_t(c));
    for (int shift = 0; shift < 32; shift += 8) hash = fnv1a(hash, uint8_t(uint32_t(index) >> shift));
    return hash;
}

std::array<uint8_t, 3> generation_xor_key(std::string_view prompt, int index) {
    const uint64_t hash = generation_hash(prompt, index);
    return {uint8_t(hash_byte(hash, 3) | 0x80), uint8_t(hash_byte(hash, 4) | 0x80), uint8_t(hash_byte(hash, 5) | 0x80)};
}

RgbaImage render_generation(std::string_view prompt, int width, int height, const RgbaImage* reference, int index) {
    RgbaImage out(static_cast<uint32_t>(width), static_cast<uint32_t>(height));
    if (reference && reference->width > 0 && reference->height > 0)
        recolour_reference(out, *reference, generation_xor_key(prompt, index));
    else
        draw_bands(out, generation_hash(prompt, index));
    return out;
}

}  // namespace genlayer
