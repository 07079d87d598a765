// What the fuzz targets share. A parser's contract: it returns a value or
// throws the project's Error with one sentence a person can read; any other
// exception escapes LLVMFuzzerTestOneInput and aborts, which libFuzzer
// reports like a crash.
#pragma once

#include "base/status.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string_view>

namespace genlayer::fuzz {

inline std::string_view text_of(const uint8_t* data, size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

// Aborts, a finding, saying which property broke.
void require(bool condition, const char* property);

// The Error is `expected` and its sentence is fit to show: one line of
// printable text, neither empty nor unbounded.
void require_refusal(const Error& error, Status expected);

// A folder of this process's own, made on first use, removed at exit, for
// the targets whose parser reads a file.
const std::filesystem::path& scratch_dir();

// Replaces `file` (mode 0600, its folder made) with `content`.
void write_file(const std::filesystem::path& file, std::string_view content);

}  // namespace genlayer::fuzz
