// Replacing a file so that a crash leaves either the old or the new content:
// write a temporary file beside it, fsync, rename, fsync the folder.
#pragma once

#include <sys/types.h>
#include <filesystem>
#include <string_view>

namespace genlayer {

// Throws LocalFileError naming the file when any step fails.
void write_file_atomically(const std::filesystem::path& file, std::string_view content, mode_t mode);

// The last steps of the same, for a temporary file another writer made
// complete beside `file`: rename it into place, then fsync the folder. The
// temporary file is removed when the rename fails (LocalFileError).
void rename_into_place(const std::filesystem::path& temp, const std::filesystem::path& file);

}  // namespace genlayer
