#include "base/status.hpp"
#include "gateway/settings.hpp"

#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <cstdlib>
#include <filesystem>
#include <fstream>

using namespace genlayer;
namespace fs = std::filesystem;

namespace {

// Points HOME and the XDG variables at a fresh folder for one test.
struct IsolatedEnvironment {
    IsolatedEnvironment() {
        std::string pattern = (fs::temp_directory_path() / "genlayer-settings-XXXXXX").string();
        dir = ::mkdtemp(pattern.data());
        ::setenv("XDG_CONFIG_HOME", (dir / "config").c_str(), 1);
        ::setenv("XDG_STATE_HOME", (dir / "state").c_str(), 1);
        ::setenv("XDG_DATA_HOME", (dir / "data").c_str(), 1);
        ::unsetenv("GENLAYER_HISTORY_MAX_MB");
        ::unsetenv("TOAPIS_API_KEY");
        ::unsetenv("TOAPIS_BASE_URL");
    }
    ~IsolatedEnvironment() {
        ::unsetenv("XDG_CONFIG_HOME");
        ::unsetenv("XDG_STATE_HOME");
        ::unsetenv("XDG_DATA_HOME");
        ::unsetenv("GENLAYER_HISTORY_MAX_MB");
        ::unsetenv("TOAPIS_API_KEY");
        ::unsetenv("TOAPIS_BASE_URL");
        fs::remove_all(dir);
    }
    void write_config(const std::string& json, fs::perms mode) const {
        fs::create_directories(dir / "config" / "genlayer");
        std::ofstream(dir / "config" / "genlayer" / "config.json") << json;
        fs::permissions(dir / "config" / "genlayer" / "config.json", mode);
    }
    fs::path dir;
};

}  // namespace

TEST_CASE("settings: defaults, then config file, then environment, then flags") {
    IsolatedEnvironment env;
    auto settings = load_settings({});
    CHECK(settings.base_url == "https://toapis.com");
    CHECK(settings.api_key.empty());
    CHECK(settings.timeout_s == 300);
    CHECK(settings.journal_dir == env.dir / "state" / "genlayer" / "journal");

    env.write_config(R"({"api_key": "file-key", "base_url": "https://eu.example.com", "timeout_s": 60})",
                     fs::perms::owner_read | fs::perms::owner_write);
    settings = load_settings({});
    CHECK(settings.api_key == "file-key");
    CHECK(settings.base_url == "https://eu.example.com");
    CHECK(settings.timeout_s == 60);

    ::setenv("TOAPIS_API_KEY", "env-key", 1);
    ::setenv("TOAPIS_BASE_URL", "http://127.0.0.1:9/", 1);
    settings = load_settings({});
    CHECK(settings.api_key == "env-key");
    CHECK(settings.base_url == "http://127.0.0.1:9");

    SettingsOverrides flags;
    flags.base_url = "https://flag.example.com";
    flags.timeout_s = 5;
    settings = load_settings(flags);
    CHECK(settings.base_url == "https://flag.example.com");
    CHECK(settings.timeout_s == 5);
}

TEST_CASE("settings: a key in a file others can read is refused") {
    IsolatedEnvironment env;
    env.write_config(R"({"api_key": "secret-key"})", fs::perms(0644));
    try {
        load_settings({});
        FAIL("expected a refusal");
    } catch (const Error& error) {
        CHECK(error.status() == GENLAYER_AUTH);
        CHECK_THAT(error.what(), Catch::Contains("chmod 600"));
        CHECK_THAT(error.what(), !Catch::Contains("secret-key"));
    }
    ::setenv("TOAPIS_API_KEY", "env-key", 1);  // the file's key is not used, so not refused
    CHECK(load_settings({}).api_key == "env-key");
}

TEST_CASE("settings: plain http to a remote host is refused") {
    IsolatedEnvironment env;
    ::setenv("TOAPIS_BASE_URL", "http://toapis.com", 1);
    CHECK_THROWS_AS(load_settings({}), Error);
}

TEST_CASE("settings: a stored key lands in a 0600 file beside other fields") {
    IsolatedEnvironment env;
    env.write_config(R"({"base_url": "https://eu.example.com"})", fs::perms(0600));
    const auto file = env.dir / "config" / "genlayer" / "config.json";
    store_api_key(file, "typed-key");
    struct stat info {};
    REQUIRE(::stat(file.c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);
    const auto settings = load_settings({});
    CHECK(settings.api_key == "typed-key");
    CHECK(settings.base_url == "https://eu.example.com");
}

TEST_CASE("settings: the history's folder and size limit: default, config file, environment, flag") {
    IsolatedEnvironment env;
    auto settings = load_settings({});
    CHECK(settings.history_dir == env.dir / "data" / "genlayer" / "history");
    CHECK(settings.history_max_bytes == uint64_t(2048) * 1024 * 1024);
    CHECK(settings.record_history);

    env.write_config(R"({"history_max_mb": 100})", fs::perms(0600));
    CHECK(load_settings({}).history_max_bytes == uint64_t(100) * 1024 * 1024);
    ::setenv("GENLAYER_HISTORY_MAX_MB", "0.5", 1);
    CHECK(load_settings({}).history_max_bytes == uint64_t(512) * 1024);
    SettingsOverrides flags;
    flags.history_max_mb = 3;
    flags.history_dir = env.dir / "elsewhere";
    flags.no_history = true;
    settings = load_settings(flags);
    CHECK(settings.history_max_bytes == uint64_t(3) * 1024 * 1024);
    CHECK(settings.history_dir == env.dir / "elsewhere");
    CHECK_FALSE(settings.record_history);

    ::unsetenv("XDG_DATA_HOME");
    ::setenv("GENLAYER_HISTORY_MAX_MB", "lots", 1);
    try {
        load_settings({});
        FAIL("expected a refusal");
    } catch (const Error& error) {
        CHECK(error.status() == GENLAYER_INVALID_REQUEST);
        CHECK_THAT(error.what(), Catch::Contains("\"lots\" is not a positive number of megabytes"));
    }
    ::unsetenv("GENLAYER_HISTORY_MAX_MB");
    env.write_config(R"({"history_max_mb": -1})", fs::perms(0600));
    CHECK_THROWS_AS(load_settings({}), Error);
}
