// The upload cache file: read when the cache opens, then asked for one
// digest. What it answers (cached or newly uploaded) must be what a second
// cache opened on the file it leaves answers without uploading.
#include "jobs/upload_cache.hpp"
#include "fuzz_support.hpp"

using namespace genlayer;

namespace {

// sha256_hex of the bytes "reference"; the seeds use it as a key.
constexpr const char* kDigest = "52367a6622b19f08825e915fad80c542ad4f4c34dbcebad9f5007994b3e39208";
constexpr const char* kUploadedUrl = "https://files.toapis.com/uploads/fuzz.png";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const auto file = fuzz::scratch_dir() / "cache" / "uploads.json";
    fuzz::write_file(file, fuzz::text_of(data, size));

    std::string first;
    {
        UploadCache cache(file);
        first = cache.url_for(kDigest, [] { return std::string(kUploadedUrl); });
    }
    UploadCache reopened(file);
    const std::string second = reopened.url_for(kDigest, [] {
        fuzz::require(false, "what the cache answered is still fresh in the file it left");
        return std::string();
    });
    fuzz::require(second == first, "a reopened cache answers the same URL");
    return 0;
}
