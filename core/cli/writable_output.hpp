// Refuse an output that cannot be written before paying for the image: the
// same LocalFileError (exit 9) a failed write would give, but before any
// request is sent.
#pragma once

#include <filesystem>

namespace genlayer::cli {

// Opens (creates, if need be) the file for appending, and removes it again if it was not there.
void require_writable_file(const std::filesystem::path& file);
// Makes the folder if it is missing, then creates and removes a file in it.
void require_writable_folder(const std::filesystem::path& folder);

}  // namespace genlayer::cli
