#include "base/atomic_file.hpp"

#include "base/local_file_error.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cerrno>

namespace genlayer {
namespace {

// Reads errno first: the clean-up of the temporary file may change it.
[[noreturn]] void fail(const std::filesystem::path& file, const std::filesystem::path& temp_to_remove = {}) {
    const int error_number = errno;
    if (!temp_to_remove.empty()) ::unlink(temp_to_remove.c_str());
    throw LocalFileError(file, error_number);
}

class Descriptor {
public:
    explicit Descriptor(int fd) : fd_(fd) {}
    ~Descriptor() {
        if (fd_ >= 0) ::close(fd_);
    }
    Descriptor(const Descriptor&) = delete;
    Descriptor& operator=(const Descriptor&) = delete;
    int get() const { return fd_; }
    int release() {
        int fd = fd_;
        fd_ = -1;
        return fd;
    }

private:
    int fd_;
};

}  // namespace

void write_file_atomically(const std::filesystem::path& file, std::string_view content, mode_t mode) {
    auto temp = file;
    temp += ".tmp" + std::to_string(::getpid());
    {
        Descriptor out(::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode));
        if (out.get() < 0) fail(file);
        // open() honours the umask; the mode must be exact (0600 for keys).
        if (::fchmod(out.get(), mode) != 0) fail(file, temp);
        for (size_t done = 0; done < content.size();) {
            ssize_t n = ::write(out.get(), content.data() + done, content.size() - done);
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) fail(file, temp);
            done += size_t(n);
        }
        if (::fsync(out.get()) != 0) fail(file, temp);
        if (::close(out.release()) != 0) fail(file, temp);
    }
    rename_into_place(temp, file);
}

void rename_into_place(const std::filesystem::path& temp, const std::filesystem::path& file) {
    if (::rename(temp.c_str(), file.c_str()) != 0) fail(file, temp);
    auto folder = file.parent_path().empty() ? std::filesystem::path(".") : file.parent_path();
    Descriptor dir(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dir.get() >= 0) ::fsync(dir.get());
}

}  // namespace genlayer
