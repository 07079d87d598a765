// Runs the genlayer CLI as a child process with a chosen environment and
// captures what it says, as a user's shell or script would see it.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace genlayer::testing {

struct CliResult {
    int exit_code = -1;
    std::string out;
    std::string err;
    std::chrono::duration<double> elapsed{};
};

// `env` replaces the environment entirely (nothing leaks in from the test
// runner). With interrupt_after set, SIGINT is sent after that long.
CliResult run_cli(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
                  std::chrono::milliseconds interrupt_after = std::chrono::milliseconds(0));

}  // namespace genlayer::testing
