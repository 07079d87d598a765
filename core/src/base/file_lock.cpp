#include "base/file_lock.hpp"

#include "base/local_file_error.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#include <cerrno>

namespace genlayer {

FileLock::FileLock(const std::filesystem::path& file) : fd_(::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600)) {
    if (fd_ < 0) throw LocalFileError(file, errno);
    // Each open file description is locked separately, so threads exclude each other too.
    while (::flock(fd_, LOCK_EX) != 0) {
        if (errno == EINTR) continue;
        const int error_number = errno;
        ::close(fd_);
        throw LocalFileError(file, error_number);
    }
}

FileLock::~FileLock() { ::close(fd_); }  // closing releases the lock

}  // namespace genlayer
