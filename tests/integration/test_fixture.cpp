#include "test_fixture.hpp"

#include "image/image_codec.hpp"

#include <cstdlib>
#include <random>
#include <thread>

namespace genlayer::testing {
namespace fs = std::filesystem;

namespace {

fs::path make_temp_dir() {
    std::string pattern = (fs::temp_directory_path() / "genlayer-it-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    return pattern;
}

}  // namespace

Fixture::Fixture(std::vector<std::string> emulator_args) : dir_(make_temp_dir()), emulator_(emulator_args) {}

Fixture::~Fixture() {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
}

std::map<std::string, std::string> Fixture::env() const {
    std::map<std::string, std::string> env{
        {"TOAPIS_API_KEY", kTestKey},
        {"TOAPIS_BASE_URL", emulator_.api_url()},
        {"HOME", dir_.string()},
        {"XDG_CONFIG_HOME", (dir_ / "config").string()},
        {"XDG_STATE_HOME", (dir_ / "state").string()},
        {"XDG_DATA_HOME", (dir_ / "data").string()},
        {"PATH", "/usr/bin:/bin"},
    };
    // Sanitizer settings follow the test into the child.
    for (const char* name : {"ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS", "TSAN_OPTIONS"})
        if (const char* value = std::getenv(name)) env[name] = value;
    return env;
}

CliResult Fixture::idle_with_image_module() const {
    write_image_file(path("tiny.tif"), view_of(test_pattern(16, 16, false)));
    auto result = cli({"upload", path("tiny.tif")});
    if (result.exit_code != 0) throw std::runtime_error("the baseline upload failed: " + result.err);
    return result;
}

int Fixture::count_requests(const std::string& method, const std::string& prefix) const {
    int count = 0;
    for (const auto& entry : emulator_.log())
        if (entry["method"] == method && entry["path"].get<std::string>().rfind(prefix, 0) == 0) ++count;
    return count;
}

int Fixture::count_answers(int http_status) const {
    int count = 0;
    for (const auto& entry : emulator_.log())
        if (entry["status"] == http_status) ++count;
    return count;
}

bool Fixture::files_port_saw_authorization() const {
    for (const auto& entry : emulator_.log())
        if (entry["port"] == "files" && entry["authorization"].get<bool>()) return true;
    return false;
}

bool wait_until(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        if (condition()) return true;
        if (std::chrono::steady_clock::now() >= deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

RgbaImage test_pattern(uint32_t w, uint32_t h, bool with_alpha) {
    RgbaImage image(w, h);
    for (uint32_t y = 0; y < h; ++y) {
        for (uint32_t x = 0; x < w; ++x) {
            uint8_t* p = image.row(y) + x * 4;
            p[0] = uint8_t(x * 255 / std::max(1u, w - 1));
            p[1] = uint8_t(y * 255 / std::max(1u, h - 1));
            p[2] = uint8_t((x + y) * 7);
            p[3] = with_alpha ? uint8_t(40 + (x * 200) / std::max(1u, w - 1)) : 255;
        }
    }
    return image;
}

size_t differing_pixels(const RgbaImage& actual, const RgbaImage& expected, int tolerance) {
    if (actual.width != expected.width || actual.height != expected.height) return size_t(-1);
    size_t count = 0;
    for (size_t i = 0; i < actual.pixels.size(); i += 4) {
        for (size_t c = 0; c < 4; ++c) {
            if (std::abs(int(actual.pixels[i + c]) - int(expected.pixels[i + c])) > tolerance) {
                ++count;
                break;
            }
        }
    }
    return count;
}

}  // namespace genlayer::testing
