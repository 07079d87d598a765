#include "base/local_file_error.hpp"

#include <cerrno>
#include <cstring>

namespace genlayer {
namespace {

struct Explanation {
    std::string reason;
    std::string remedy;
};

Explanation explain(int error_number) {
    switch (error_number) {
        case ENOSPC:
        case EDQUOT: return {"the disk is full", "free some space there"};
        case EROFS: return {"the folder is on a read-only file system", "make it writable or choose another folder"};
        case EACCES:
        case EPERM: return {"permission was denied", "check the folder's permissions"};
        case ENOENT: return {"its folder does not exist", "create the folder or choose another one"};
        case ENOTDIR: return {"a part of the path is not a folder", "check the path"};
        default: return {std::strerror(error_number), "check the folder's permissions and free space"};
    }
}

std::string sentence(const std::filesystem::path& path, int error_number, std::string_view then) {
    const auto [reason, remedy] = explain(error_number);
    return "Could not write " + path.string() + ": " + reason + "; " + remedy + ", then " + std::string(then) + ".";
}

}  // namespace

LocalFileError::LocalFileError(std::filesystem::path path, int error_number, std::string_view then)
    : Error(GENLAYER_INTERNAL, sentence(path, error_number, then)),
      path_(std::move(path)),
      error_number_(error_number) {}

}  // namespace genlayer
