// UTF-8 text: checking it, counting it, cutting it. Everything the gateway
// receives is JSON, which must be UTF-8, so text that is not is refused
// before anything is sent rather than mangled on the way.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace genlayer {

// The offset of the first byte that does not belong to well-formed UTF-8
// (overlong forms, surrogates and code points above U+10FFFF count as bad),
// or nullopt when all of `text` is well-formed.
std::optional<size_t> first_invalid_utf8(std::string_view text);

// Throws Error(INVALID_REQUEST) naming `what` ("The prompt", "The argument
// of --output") and the offending byte when `text` is not UTF-8.
void require_utf8(std::string_view text, std::string_view what);

// Code points in well-formed UTF-8 text.
size_t count_code_points(std::string_view text);

// The longest prefix of at most `limit` bytes that does not split a character.
size_t utf8_cut(std::string_view text, size_t limit);

// The first `max_chars` code points of `text`, with "…" when cut.
std::string abbreviated(std::string_view text, size_t max_chars);

}  // namespace genlayer
