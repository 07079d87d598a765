#include "base/utf8.hpp"

#include "base/status.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>

namespace genlayer {
namespace {

bool is_continuation(uint8_t byte) { return (byte & 0xC0) == 0x80; }

// The length of the well-formed sequence starting at `at`, or 0 (RFC 3629, table 3-7 of Unicode).
size_t sequence_length(std::string_view text, size_t at) {
    const auto byte = [&](size_t i) { return static_cast<uint8_t>(text[at + i]); };
    const uint8_t lead = byte(0);
    if (lead < 0x80) return 1;
    size_t length = 0;
    uint8_t low = 0x80, high = 0xBF;  // the range of the second byte
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        if (lead == 0xE0) low = 0xA0;   // no overlong forms
        if (lead == 0xED) high = 0x9F;  // no surrogates
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        if (lead == 0xF0) low = 0x90;   // no overlong forms
        if (lead == 0xF4) high = 0x8F;  // nothing above U+10FFFF
    } else {
        return 0;
    }
    if (at + length > text.size()) return 0;
    if (byte(1) < low || byte(1) > high) return 0;
    for (size_t i = 2; i < length; ++i)
        if (!is_continuation(byte(i))) return 0;
    return length;
}

}  // namespace

std::optional<size_t> first_invalid_utf8(std::string_view text) {
    for (size_t at = 0; at < text.size();) {
        const size_t length = sequence_length(text, at);
        if (length == 0) return at;
        at += length;
    }
    return std::nullopt;
}

void require_utf8(std::string_view text, std::string_view what) {
    const auto bad = first_invalid_utf8(text);
    if (!bad) return;
    char byte[8];
    std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned>(static_cast<uint8_t>(text[*bad])));
    throw Error(GENLAYER_INVALID_REQUEST, std::string(what) + " is not UTF-8 text (byte " + byte + " at position " +
                                              std::to_string(*bad + 1) +
                                              "), so nothing was sent; switch the terminal or the file to UTF-8, "
                                              "or convert the text with iconv.");
}

size_t count_code_points(std::string_view text) {
    return size_t(std::count_if(text.begin(), text.end(), [](char c) { return !is_continuation(uint8_t(c)); }));
}

size_t utf8_cut(std::string_view text, size_t limit) {
    if (text.size() <= limit) return text.size();
    while (limit > 0 && is_continuation(uint8_t(text[limit]))) --limit;
    return limit;
}

std::string abbreviated(std::string_view text, size_t max_chars) {
    size_t chars = 0;
    for (size_t at = 0; at < text.size(); ++at)
        if (!is_continuation(uint8_t(text[at])) && chars++ == max_chars) return std::string(text.substr(0, at)) + "…";
    return std::string(text);
}

}  // namespace genlayer
