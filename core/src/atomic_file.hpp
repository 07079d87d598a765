// Replacing a file so that a crash leaves either the old or the new content:
// write a temporary file beside it, fsync, rename, fsync the folder.
#pragma once

#include <filesystem>
#include <string_view>
#include <sys/types.h>

namespace genlayer {

// Throws Error(INTERNAL) naming the file when any step fails.
void write_file_atomically(const std::filesystem::path& file, std::string_view content, mode_t mode);

}  // namespace genlayer
