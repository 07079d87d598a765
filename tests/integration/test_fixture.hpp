// What every integration test starts from: a running emulator, a throwaway
// home (config, journal, outputs) and helpers to read the emulator's log.
#pragma once

#include "cli_process.hpp"
#include "emulator_process.hpp"
#include "image/rgba_image.hpp"
#include "jobs/journal.hpp"

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace genlayer::testing {

constexpr const char* kTestKey = "test-key-0123456789";

class Fixture {
public:
    explicit Fixture(std::vector<std::string> emulator_args = {"--gen-ms", "300"});
    ~Fixture();

    EmulatorProcess& emulator() { return emulator_; }
    const EmulatorProcess& emulator() const { return emulator_; }
    const std::filesystem::path& dir() const { return dir_; }
    std::string path(const std::string& name) const { return (dir_ / name).string(); }
    std::filesystem::path journal_dir() const { return dir_ / "state" / "genlayer" / "journal"; }
    std::filesystem::path history_dir() const { return dir_ / "data" / "genlayer" / "history"; }

    // The environment a user would have: key, base URL, XDG dirs in dir().
    std::map<std::string, std::string> env() const;
    CliResult cli(const std::vector<std::string>& args) const { return run_cli(args, env()); }
    // What the program holds with OpenImageIO loaded, as a job has it from
    // its first wait on: an upload of a tiny TIFF, which the module reads.
    // The baseline for what a job adds in memory.
    CliResult idle_with_image_module() const;

    // Requests in the emulator's log with this method whose path starts with `prefix`.
    int count_requests(const std::string& method, const std::string& prefix) const;
    // Answers in the emulator's log with this HTTP status.
    int count_answers(int http_status) const;
    // The journal as the CLI left it, oldest entry first.
    std::vector<JournalEntry> journal() const { return Journal(journal_dir()).list(); }
    // True when any request reached the files port with an Authorization header.
    bool files_port_saw_authorization() const;

private:
    std::filesystem::path dir_;
    EmulatorProcess emulator_;
};

// Asks `condition` every 20 ms until it holds or `timeout` has passed;
// true when it held. The way a test waits for another process.
bool wait_until(const std::function<bool()>& condition, std::chrono::milliseconds timeout);

// A w x h image: a gradient, with an alpha ramp when `with_alpha`.
RgbaImage test_pattern(uint32_t w, uint32_t h, bool with_alpha);
// Counts pixels whose channels differ from `expected` by more than `tolerance`.
size_t differing_pixels(const RgbaImage& actual, const RgbaImage& expected, int tolerance);

}  // namespace genlayer::testing
