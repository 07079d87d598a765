// Runs the CLI in a private mount namespace (unshare --mount) after a shell
// script has mounted there what a test needs: a full tmpfs, a read-only bind
// mount. The mounts exist for that process alone and vanish with it however
// the test ends, so nothing on the machine changes and nothing needs cleaning
// up. Needs root (as the tests run in CI); without it the script fails and
// the test with it.
#pragma once

#include "cli_process.hpp"

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace genlayer::testing {

// `mount_script` runs under sh -e; then the CLI runs with `args` and `env`.
CliResult run_cli_with_mounts(const std::string& mount_script, const std::vector<std::string>& args,
                              const std::map<std::string, std::string>& env);

// Shell text for: `folder` becomes a tmpfs of 64 KiB, filled to the last byte.
std::string full_disk_at(const std::filesystem::path& folder);
// Shell text for: `folder` becomes read-only (a read-only bind mount of itself).
std::string read_only_at(const std::filesystem::path& folder);

}  // namespace genlayer::testing
