#include "base/base64.hpp"

#include <array>

namespace genlayer {

std::optional<std::vector<uint8_t>> decode_base64(std::string_view text) {
    static const auto kValues = [] {
        std::array<int, 256> values{};
        values.fill(-1);
        constexpr std::string_view alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (size_t i = 0; i < alphabet.size(); ++i) values[uint8_t(alphabet[i])] = int(i);
        return values;
    }();

    std::vector<uint8_t> out;
    out.reserve(text.size() / 4 * 3);
    uint32_t bits = 0;
    int bit_count = 0;
    size_t padding = 0;
    for (char c : text) {
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
        if (c == '=') {
            ++padding;
            continue;
        }
        const int value = kValues[static_cast<unsigned char>(c)];
        if (value < 0 || padding > 0) return std::nullopt;
        bits = (bits << 6) | uint32_t(value);
        bit_count += 6;
        if (bit_count >= 8) {
            bit_count -= 8;
            out.push_back(uint8_t(bits >> bit_count));
        }
    }
    if (padding > 2 || bit_count >= 6) return std::nullopt;
    return out;
}

}  // namespace genlayer
