#include "fuzz_support.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>

namespace genlayer::fuzz {
namespace fs = std::filesystem;

namespace {

// The longest sentence the core writes quotes at most about 200 bytes of
// server text, or a path; four times that is no longer a sentence.
constexpr size_t kMaxSentenceBytes = 1000;

// $TMPDIR when set, else the shared-memory tmpfs where there is one: the
// atomic writes' fsyncs cost nothing there, and the targets that write files
// run several times faster.
fs::path scratch_parent() {
    if (std::getenv("TMPDIR") == nullptr && fs::is_directory("/dev/shm")) return "/dev/shm";
    return fs::temp_directory_path();
}

void remove_scratch_dir() {
    std::error_code ignored;
    fs::remove_all(scratch_dir(), ignored);
}

}  // namespace

void require(bool condition, const char* property) {
    if (condition) return;
    std::fprintf(stderr, "fuzz: broken property: %s\n", property);
    std::abort();
}

void require_refusal(const Error& error, Status expected) {
    const std::string_view sentence = error.what();
    if (error.status() != expected) std::fprintf(stderr, "fuzz: status %d, expected %d\n", error.status(), expected);
    require(error.status() == expected, "the parser's Error has its documented status");
    require(!sentence.empty() && sentence.size() <= kMaxSentenceBytes, "the sentence is not empty and not unbounded");
    require(std::none_of(sentence.begin(), sentence.end(),
                         [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; }),
            "the sentence is one line without control characters");
}

const fs::path& scratch_dir() {
    // Never destroyed, so that the exit handler can still read it.
    static const fs::path* const dir = [] {
        std::string pattern = (scratch_parent() / "genlayer-fuzz-XXXXXX").string();
        require(::mkdtemp(pattern.data()) != nullptr, "a scratch folder can be made");
        const auto* made = new fs::path(pattern);
        std::atexit(remove_scratch_dir);
        return made;
    }();
    return *dir;
}

void write_file(const fs::path& file, std::string_view content) {
    fs::create_directories(file.parent_path());
    {
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        out.write(content.data(), std::streamsize(content.size()));
        require(bool(out), "the input can be written to a scratch file");
    }
    fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write);
}

}  // namespace genlayer::fuzz
