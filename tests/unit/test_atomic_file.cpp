#include "base/atomic_file.hpp"

#include "base/status.hpp"
#include "status_of.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>

#include <dlfcn.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <fstream>
#include <iterator>
#include <mutex>

using namespace genlayer;
using genlayer::test::status_of;
using genlayer::test::TempDir;
namespace fs = std::filesystem;

namespace {

std::string content_of(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

mode_t mode_of(const fs::path& file) {
    struct stat info {};
    REQUIRE(::stat(file.c_str(), &info) == 0);
    return info.st_mode & 07777;
}

std::vector<std::string> names_in(const fs::path& dir) {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir)) names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

// Sets the process umask for one test.
class Umask {
public:
    explicit Umask(mode_t mask) : previous_(::umask(mask)) {}
    ~Umask() { ::umask(previous_); }

private:
    mode_t previous_;
};

// The order of the durable steps, seen by wrapping fsync and rename for
// this test binary (the wrappers pass every call on and record only while a
// test asks them to).
class DurableSteps {
public:
    static DurableSteps& instance() {
        static DurableSteps steps;
        return steps;
    }
    void start() {
        std::lock_guard lock(mutex_);
        steps_.clear();
        recording_ = true;
    }
    std::vector<std::string> stop() {
        std::lock_guard lock(mutex_);
        recording_ = false;
        return steps_;
    }
    void add(std::string step) {
        std::lock_guard lock(mutex_);
        if (recording_) steps_.push_back(std::move(step));
    }

private:
    std::mutex mutex_;
    bool recording_ = false;
    std::vector<std::string> steps_;
};

template <class Function>
Function* real(const char* name) {
    return reinterpret_cast<Function*>(::dlsym(RTLD_NEXT, name));
}

}  // namespace

extern "C" int fsync(int fd) {
    static const auto next = real<int(int)>("fsync");
    struct stat info {};
    const bool folder = ::fstat(fd, &info) == 0 && S_ISDIR(info.st_mode);
    DurableSteps::instance().add(folder ? "fsync folder" : "fsync file");
    return next(fd);
}

extern "C" int rename(const char* from, const char* to) noexcept {
    static const auto next = real<int(const char*, const char*)>("rename");
    DurableSteps::instance().add("rename");
    return next(from, to);
}

TEST_CASE("atomic file: the file is fsynced before the rename and the folder after it", "[atomic-file]") {
    TempDir dir;
    DurableSteps::instance().start();
    write_file_atomically(dir.path / "config.json", "{}", 0600);
    CHECK(DurableSteps::instance().stop() == std::vector<std::string>{"fsync file", "rename", "fsync folder"});
}

TEST_CASE("atomic file: the content is replaced whole and nothing else is left", "[atomic-file]") {
    TempDir dir;
    const auto file = dir.path / "config.json";
    write_file_atomically(file, std::string(10000, 'a'), 0644);
    write_file_atomically(file, "short", 0644);
    CHECK(content_of(file) == "short");
    write_file_atomically(file, "", 0644);
    CHECK(content_of(file).empty());
    CHECK(names_in(dir.path) == std::vector<std::string>{"config.json"});
}

TEST_CASE("atomic file: the mode is exactly the one asked for, whatever the umask or the old file", "[atomic-file]") {
    TempDir dir;
    const auto file = dir.path / "config.json";
    {
        const Umask permissive(0);
        write_file_atomically(file, "{}", 0600);  // a key file: never readable by others
        CHECK(mode_of(file) == 0600);
    }
    {
        const Umask strict(0077);
        write_file_atomically(file, "{}", 0644);
        CHECK(mode_of(file) == 0644);
    }
}

TEST_CASE("atomic file: a missing folder fails with a sentence and leaves nothing", "[atomic-file]") {
    TempDir dir;
    const auto file = dir.path / "missing" / "config.json";
    try {
        write_file_atomically(file, "{}", 0600);
        FAIL("no error");
    } catch (const Error& error) {
        CHECK(error.status() == GENLAYER_INTERNAL);
        CHECK_THAT(error.what(), Catch::Contains(file.string()) && Catch::Contains("its folder does not exist"));
    }
    CHECK(names_in(dir.path).empty());
}

TEST_CASE("atomic file: a rename that fails removes the temporary file and keeps the target", "[atomic-file]") {
    TempDir dir;
    const auto target = dir.path / "taken";
    fs::create_directories(target / "inside");  // a non-empty folder cannot be replaced by a file
    CHECK(status_of([&] { write_file_atomically(target, "{}", 0600); }) == GENLAYER_INTERNAL);
    CHECK(names_in(dir.path) == std::vector<std::string>{"taken"});
    CHECK(fs::is_directory(target / "inside"));
}

TEST_CASE("atomic file: rename_into_place moves a finished temporary file over the old one", "[atomic-file]") {
    TempDir dir;
    const auto file = dir.path / "image.png";
    const auto temp = dir.path / "image.png.part";
    std::ofstream(file) << "old";
    std::ofstream(temp) << "new";
    rename_into_place(temp, file);
    CHECK(content_of(file) == "new");
    CHECK(names_in(dir.path) == std::vector<std::string>{"image.png"});
}

TEST_CASE("atomic file: rename_into_place removes the temporary file when it cannot rename", "[atomic-file]") {
    TempDir dir;
    const auto temp = dir.path / "image.png.part";
    std::ofstream(temp) << "new";
    CHECK(status_of([&] { rename_into_place(temp, dir.path / "missing" / "image.png"); }) == GENLAYER_INTERNAL);
    CHECK(names_in(dir.path).empty());
}
