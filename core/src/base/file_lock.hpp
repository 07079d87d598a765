// An exclusive advisory lock (flock) on a file, held for the object's life:
// writers of a shared folder in several processes, or several threads of
// one, take turns.
#pragma once

#include <filesystem>

namespace genlayer {

class FileLock {
public:
    // Creates the file (mode 0600) if needed and blocks until the lock is
    // ours. Throws LocalFileError naming the file when it cannot be opened.
    explicit FileLock(const std::filesystem::path& file);
    ~FileLock();
    FileLock(const FileLock&) = delete;
    FileLock& operator=(const FileLock&) = delete;

private:
    int fd_;
};

}  // namespace genlayer
