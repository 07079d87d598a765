#include "jobs/upload_cache.hpp"

#include "base/sha256.hpp"

#include "status_of.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <atomic>
#include <condition_variable>
#include <fstream>
#include <latch>
#include <mutex>
#include <thread>
#include <vector>

using namespace genlayer;
using genlayer::test::status_of;
using genlayer::test::TempDir;

namespace {

const std::string kDigest = sha256_hex(std::vector<uint8_t>{1, 2, 3});

// An upload that must not happen.
std::string no_upload() { throw std::logic_error("uploaded although the URL was cached"); }

// An upload held until the test opens it.
class HeldUpload {
public:
    std::string operator()() {
        ++calls_;
        started_.count_down();
        std::unique_lock lock(mutex_);
        opened_cv_.wait(lock, [this] { return opened_; });
        return "https://files.example/held.png";
    }
    void wait_started() { started_.wait(); }
    void open() {
        {
            std::lock_guard lock(mutex_);
            opened_ = true;
        }
        opened_cv_.notify_all();
    }
    int calls() const { return calls_; }

private:
    std::atomic<int> calls_{0};
    std::latch started_{1};
    std::mutex mutex_;
    std::condition_variable opened_cv_;
    bool opened_ = false;
};

}  // namespace

TEST_CASE("upload cache: identical bytes asked for at once are uploaded once", "[upload-cache]") {
    TempDir dir;
    UploadCache cache(dir.path / "cache.json");
    HeldUpload upload;
    std::thread first([&] { cache.url_for(kDigest, std::ref(upload)); });
    upload.wait_started();  // the first upload is in flight

    constexpr int kOthers = 4;
    std::latch asking(kOthers);
    std::vector<std::string> urls(kOthers);
    std::vector<std::thread> others;
    for (int i = 0; i < kOthers; ++i)
        others.emplace_back([&, i] {
            asking.count_down();
            urls[i] = cache.url_for(kDigest, std::ref(upload));
        });
    asking.wait();
    upload.open();
    first.join();
    for (auto& other : others) other.join();

    CHECK(upload.calls() == 1);
    for (const auto& url : urls) CHECK(url == "https://files.example/held.png");
}

TEST_CASE("upload cache: a failed upload lets the next caller upload", "[upload-cache]") {
    TempDir dir;
    UploadCache cache(dir.path / "cache.json");
    CHECK(status_of([&] {
              cache.url_for(kDigest, []() -> std::string { throw Error(GENLAYER_NETWORK, "The upload failed."); });
          }) == GENLAYER_NETWORK);
    CHECK(cache.url_for(kDigest, [] { return std::string("https://files.example/second.png"); }) ==
          "https://files.example/second.png");
}

TEST_CASE("upload cache: URLs persist across instances in a private file", "[upload-cache]") {
    TempDir dir;
    const auto file = dir.path / "state" / "cache.json";
    UploadCache(file).url_for(kDigest, [] { return std::string("https://files.example/a.png"); });

    UploadCache reopened(file);
    CHECK(reopened.url_for(kDigest, no_upload) == "https://files.example/a.png");
    struct stat info {};
    REQUIRE(::stat(file.c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);
}

TEST_CASE("upload cache: an entry past its lifetime is uploaded again", "[upload-cache]") {
    TempDir dir;
    UploadCache cache(dir.path / "cache.json", std::chrono::seconds(0));
    int uploads = 0;
    auto upload = [&] { return "https://files.example/" + std::to_string(++uploads) + ".png"; };
    cache.url_for(kDigest, upload);
    CHECK(cache.url_for(kDigest, upload) == "https://files.example/2.png");
}

TEST_CASE("upload cache: a damaged cache file is ignored and rewritten", "[upload-cache]") {
    for (const std::string& damaged : {std::string("{\"abc\": {\"url\": "), std::string("[1, 2, 3]"),
                                       std::string("{\"") + kDigest + "\": {\"url\": 5, \"uploaded_at\": \"x\"}}"}) {
        INFO(damaged);
        TempDir dir;
        const auto file = dir.path / "cache.json";
        std::ofstream(file) << damaged;
        UploadCache cache(file);
        CHECK(cache.url_for(kDigest, [] { return std::string("https://files.example/fresh.png"); }) ==
              "https://files.example/fresh.png");
        CHECK(UploadCache(file).url_for(kDigest, no_upload) == "https://files.example/fresh.png");
    }
}
