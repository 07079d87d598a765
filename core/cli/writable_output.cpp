#include "writable_output.hpp"

#include "base/local_file_error.hpp"

#include <fcntl.h>
#include <unistd.h>
#include <cerrno>
#include <string>

namespace genlayer::cli {
namespace fs = std::filesystem;

void require_writable_file(const fs::path& file) {
    std::error_code error;
    const bool existed = fs::exists(file, error);
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0) throw LocalFileError(file, errno);
    ::close(fd);
    if (!existed) ::unlink(file.c_str());
}

void require_writable_folder(const fs::path& folder) {
    std::error_code error;
    fs::create_directories(folder, error);
    if (error) throw LocalFileError(folder, error.value());
    const auto probe = folder / (".genlayer-probe-" + std::to_string(::getpid()));
    const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) throw LocalFileError(folder, errno);
    ::close(fd);
    ::unlink(probe.c_str());
}

}  // namespace genlayer::cli
