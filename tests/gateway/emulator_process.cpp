#include "emulator_process.hpp"

#include <httplib.h>

#include <poll.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <stdexcept>

extern char** environ;

namespace genlayer::testing {
namespace {

constexpr int kStartupTimeoutMs = 10'000;
constexpr int kStopTimeoutMs = 5'000;

std::string loopback_url(int port) { return "http://127.0.0.1:" + std::to_string(port); }

// Reads one line from `fd`, waiting at most until the startup deadline.
std::string read_line(int fd) {
    std::string line;
    for (char c = 0;;) {
        pollfd readable{fd, POLLIN, 0};
        if (::poll(&readable, 1, kStartupTimeoutMs) <= 0)
            throw std::runtime_error("The gateway emulator printed no port within 10 seconds.");
        if (::read(fd, &c, 1) != 1) throw std::runtime_error("The gateway emulator exited before printing its ports.");
        if (c == '\n') return line;
        line += c;
    }
}

// The port of a line "<label> <port>".
int port_from(const std::string& line, const std::string& label) {
    if (!line.starts_with(label + " "))
        throw std::runtime_error("The gateway emulator printed \"" + line + "\" instead of its " + label + " port.");
    return std::stoi(line.substr(label.size() + 1));
}

bool wait_for_exit(pid_t pid, int timeout_ms) {
    // glibc 2.36's <sys/pidfd.h> lacks extern "C"; the system call is the same.
    const int pidfd = int(::syscall(SYS_pidfd_open, pid, 0));
    if (pidfd < 0) return false;
    pollfd exited{pidfd, POLLIN, 0};
    const bool done = ::poll(&exited, 1, timeout_ms) == 1;
    ::close(pidfd);
    return done;
}

}  // namespace

EmulatorProcess::EmulatorProcess(const std::vector<std::string>& extra_args)
    : EmulatorProcess(GENLAYER_GATEWAY_BIN, extra_args) {}

EmulatorProcess::EmulatorProcess(const std::string& binary, const std::vector<std::string>& extra_args) {
    std::vector<std::string> args = {binary};
    args.insert(args.end(), extra_args.begin(), extra_args.end());
    args.insert(args.end(), {"--port", "0", "--files-port", "0"});
    std::vector<char*> argv;
    for (std::string& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);

    int out[2];
    if (::pipe2(out, O_CLOEXEC) != 0) throw std::runtime_error("Cannot create a pipe for the gateway emulator.");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    const int spawned = ::posix_spawn(&pid_, binary.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(out[1]);
    if (spawned != 0) {
        ::close(out[0]);
        pid_ = -1;
        throw std::runtime_error("Cannot start " + binary + ": " + std::strerror(spawned) + ".");
    }
    try {
        api_port_ = port_from(read_line(out[0]), "API");
        files_port_ = port_from(read_line(out[0]), "FILES");
    } catch (...) {
        ::close(out[0]);
        stop();
        throw;
    }
    ::close(out[0]);
}

EmulatorProcess::~EmulatorProcess() {
    if (pid_ > 0) stop();
}

std::string EmulatorProcess::api_url() const { return loopback_url(api_port_); }
std::string EmulatorProcess::files_url() const { return loopback_url(files_port_); }

void EmulatorProcess::arm(const nlohmann::json& faults) const {
    httplib::Client client(api_url());
    const auto answer = client.Post("/_emulator/faults", faults.dump(), "application/json");
    if (!answer || answer->status != 200)
        throw std::runtime_error("The gateway emulator refused the faults " + faults.dump() + ": " +
                                 (answer ? answer->body : httplib::to_string(answer.error())));
}

nlohmann::json EmulatorProcess::log() const { return get_json("/_emulator/log"); }
nlohmann::json EmulatorProcess::tasks() const { return get_json("/_emulator/tasks"); }
nlohmann::json EmulatorProcess::state() const { return get_json("/_emulator/state"); }

nlohmann::json EmulatorProcess::release(const nlohmann::json& what) const {
    httplib::Client client(api_url());
    const auto answer = client.Post("/_emulator/release", what.dump(), "application/json");
    if (!answer || answer->status != 200)
        throw std::runtime_error("The gateway emulator refused to release " + what.dump() + ": " +
                                 (answer ? answer->body : httplib::to_string(answer.error())));
    return nlohmann::json::parse(answer->body);
}

nlohmann::json EmulatorProcess::wait_for(const nlohmann::json& counts, std::chrono::milliseconds timeout) const {
    std::string query = "timeout_ms=" + std::to_string(timeout.count());
    for (const auto& [name, count] : counts.items()) query += "&" + name + "=" + count.dump();
    httplib::Client client(api_url());
    // The answer comes when the state is reached, at the latest after `timeout`.
    client.set_read_timeout(std::chrono::duration_cast<std::chrono::seconds>(timeout) + std::chrono::seconds(10));
    const auto answer = client.Get("/_emulator/wait?" + query);
    if (!answer) throw std::runtime_error("The gateway emulator did not answer the wait for " + counts.dump() + ".");
    const auto body = nlohmann::json::parse(answer->body);
    if (answer->status != 200) throw std::runtime_error(body.value("error", answer->body));
    return body;
}

nlohmann::json EmulatorProcess::get_json(const std::string& path) const {
    httplib::Client client(api_url());
    const auto answer = client.Get(path);
    if (!answer || answer->status != 200) throw std::runtime_error("The gateway emulator did not answer " + path + ".");
    return nlohmann::json::parse(answer->body);
}

int EmulatorProcess::stop() {
    int status = 0;
    if (pid_ <= 0) return status;
    ::kill(pid_, SIGTERM);
    if (!wait_for_exit(pid_, kStopTimeoutMs)) ::kill(pid_, SIGKILL);
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {}
    pid_ = -1;
    return status;
}

}  // namespace genlayer::testing
