// Runs the genlayer CLI as a child process with a chosen environment and
// captures what it says, as a user's shell or script would see it.
#pragma once

#include <sys/types.h>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace genlayer::testing {

struct CliResult {
    int exit_code = -1;
    std::string out;
    std::string err;
    std::chrono::duration<double> elapsed{};
    long max_rss_kib = 0;  // the process's peak resident memory (ru_maxrss of wait4)
};

// The CLI running in the background: a test waits for a condition (the
// journal, the emulator's tasks), then signals it — SIGINT as Ctrl-C,
// SIGKILL as a crash — and collects what it said. `env` replaces the
// environment entirely (nothing leaks in from the test runner). `program`
// is the built CLI unless a test runs a copy of it.
class CliProcess {
public:
    CliProcess(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
               const std::string& program = GENLAYER_CLI_BIN);
    ~CliProcess();  // SIGKILL, if the test did not finish it
    CliProcess(const CliProcess&) = delete;
    CliProcess& operator=(const CliProcess&) = delete;

    void signal(int signal_number);
    // Waits for the exit and returns the exit code (128 + signal when
    // killed) with everything it printed; `elapsed` ends when its output closed.
    CliResult finish();

private:
    void read_output(int out_fd, int err_fd);

    pid_t pid_ = -1;
    std::chrono::steady_clock::time_point started_;
    std::mutex mutex_;
    std::condition_variable output_closed_;
    bool closed_ = false;  // guarded by mutex_
    CliResult result_;     // out, err and elapsed written by the reader, read after it ends
    std::thread reader_;
};

// Runs to the end.
CliResult run_cli(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
                  const std::string& program = GENLAYER_CLI_BIN);

}  // namespace genlayer::testing
