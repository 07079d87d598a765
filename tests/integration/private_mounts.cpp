#include "private_mounts.hpp"

namespace genlayer::testing {
namespace {

// The test's own folders (from mkdtemp) hold no quote. Built with append:
// GCC 12 warns falsely (-Wrestrict) on "literal" + std::string.
std::string quoted(const std::filesystem::path& path) { return std::string("'").append(path.string()).append("'"); }

}  // namespace

CliResult run_cli_with_mounts(const std::string& mount_script, const std::vector<std::string>& args,
                              const std::map<std::string, std::string>& env) {
    std::vector<std::string> command{"--mount", "--propagation", "private",
                                     "/bin/sh", "-ec",           mount_script + "exec \"$@\"\n",
                                     "sh",      GENLAYER_CLI_BIN};
    command.insert(command.end(), args.begin(), args.end());
    return run_cli(command, env, "/usr/bin/unshare");
}

std::string full_disk_at(const std::filesystem::path& folder) {
    // cat stops at the first failed write: the disk is full.
    return "mount -t tmpfs -o size=64k tmpfs " + quoted(folder) + "\n" + "cat /dev/zero > " +
           quoted(folder / "filler") + " 2>/dev/null || true\n";
}

std::string read_only_at(const std::filesystem::path& folder) {
    return "mount --bind " + quoted(folder) + " " + quoted(folder) + "\n" + "mount -o remount,bind,ro " +
           quoted(folder) + "\n";
}

}  // namespace genlayer::testing
