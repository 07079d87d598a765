// genlayer: the command-line face of the core.
#include "base/status.hpp"
#include "base/version.hpp"
#include "commands.hpp"
#include "exit_codes.hpp"

#include <cstdio>
#include <cstring>
#include <string>

namespace {

constexpr const char* kUsage = R"(usage:
  genlayer generate --prompt TEXT [--reference FILE_OR_URL]... [--size auto|WxH|W:H]
                    [--resolution auto|1024|1536|2048|1K|2K|4K] [-n N] [--model ID]
                    [--response-format url|b64_json] [--no-history] --output OUT.png
  genlayer status TASK_ID
  genlayer upload FILE
  genlayer batch --prompt TEXT [--size …] [--resolution …] [--jobs K] [--no-history] --output DIR INPUT...
  genlayer jobs [--prune]
  genlayer resume
  genlayer check     does the gateway answer, does the key work (free); exit 0, 3 or 5
  genlayer history [--search TEXT] [--limit N]
                     every image downloaded, newest first (in $XDG_DATA_HOME/genlayer/history)
  genlayer history export ID OUT.png | keep ID | forget ID | prune
  genlayer --version
common options:
  --base-url URL     the gateway (default https://toapis.com, or TOAPIS_BASE_URL)
  --timeout SECONDS  overall deadline of a job (default 300)
  --connect-timeout SECONDS
                     give up a connection attempt after this long (default 10)
  --stall-timeout SECONDS
                     abandon a transfer that moves no byte for this long,
                     then retry where safe (default 30; for slow links)
  --poll adaptive|documented
                     when to ask about a task (default adaptive)
  --size-dialect pixels|ratio|auto
                     how the gateway spells sizes: WxH and 1024/1536/2048, or
                     W:H and 1K/2K/4K (default auto: the one this gateway took
                     last, pixels the first time, switching once after a
                     refusal of the size; or TOAPIS_SIZE_DIALECT)
  --json             print one JSON object on stdout
  --quiet            no progress on stderr
The API key comes from TOAPIS_API_KEY or ~/.config/genlayer/config.json (mode 0600).
exit codes: 0 ok, 2 usage, invalid request or unknown history id, 3 authentication, 4 quota or rate limit,
  5 network, 6 task failed or refused, 7 timeout, 8 bad response, 9 local file or disk error,
  130 interrupted
)";

}  // namespace

int main(int argc, char** argv) {
    using namespace genlayer::cli;
    const std::string command = argc > 1 ? argv[1] : "";
    if (command == "--help" || command == "-h" || command == "help") {
        std::fputs(kUsage, stdout);
        return kExitOk;
    }
    if (command == "--version") {
        std::printf("genlayer %s\n", genlayer::kVersion);
        return kExitOk;
    }
    try {
        if (command == "generate") return run_generate(argc, argv);
        if (command == "status") return run_status(argc, argv);
        if (command == "upload") return run_upload(argc, argv);
        if (command == "batch") return run_batch(argc, argv);
        if (command == "jobs") return run_jobs(argc, argv);
        if (command == "resume") return run_resume(argc, argv);
        if (command == "check") return run_check(argc, argv);
        if (command == "history") return run_history(argc, argv);
        std::fprintf(stderr, "genlayer: %s\n%s",
                     command.empty() ? "Give a command." : ("\"" + command + "\" is not a command.").c_str(), kUsage);
        return kExitUsage;
    } catch (const genlayer::Error& error) {
        std::fprintf(stderr, "genlayer: %s\n", error.what());
        return exit_code_for(error);
    } catch (const std::exception& error) {
        std::fprintf(stderr, "genlayer: an unexpected error occurred (%s).\n", error.what());
        return kExitInternal;
    }
}
