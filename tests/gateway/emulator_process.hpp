// Runs build/bin/genlayer-gateway on free loopback ports for a test and
// talks to its control endpoints. The process ends with this object.
#pragma once

#include <nlohmann/json.hpp>

#include <sys/types.h>
#include <chrono>
#include <string>
#include <vector>

namespace genlayer::testing {

class EmulatorProcess {
public:
    // Starts the emulator built with this project (GENLAYER_GATEWAY_BIN) with
    // `extra_args` plus --port 0 --files-port 0, and waits for its ports.
    // Throws std::runtime_error when it does not come up.
    explicit EmulatorProcess(const std::vector<std::string>& extra_args = {});
    EmulatorProcess(const std::string& binary, const std::vector<std::string>& extra_args);
    ~EmulatorProcess();

    EmulatorProcess(const EmulatorProcess&) = delete;
    EmulatorProcess& operator=(const EmulatorProcess&) = delete;

    int api_port() const { return api_port_; }
    int files_port() const { return files_port_; }
    std::string api_url() const;    // http://127.0.0.1:<api port>
    std::string files_url() const;  // http://127.0.0.1:<files port>

    // POST /_emulator/faults; throws std::runtime_error when refused.
    void arm(const nlohmann::json& faults) const;
    // GET /_emulator/log: [{seq, port, method, path, status, authorization, t_ms}, …]
    nlohmann::json log() const;
    // GET /_emulator/tasks: [{id, created_ms, completes_at_ms, status, held, polls}, …]
    nlohmann::json tasks() const;
    // GET /_emulator/state: {tasks, active, most_active, held, held_submits, held_downloads, held_status, refused}
    nlohmann::json state() const;
    // POST /_emulator/release, e.g. {"tasks": "all"}; what went. Throws
    // std::runtime_error when refused.
    nlohmann::json release(const nlohmann::json& what) const;
    // GET /_emulator/wait: blocks until every count named, e.g.
    // {{"tasks", 2}}, is at least its value, and returns the state then.
    // Throws std::runtime_error with the emulator's sentence when that has
    // not happened within `timeout`: a bound on a hang, never a pace.
    nlohmann::json wait_for(const nlohmann::json& counts,
                            std::chrono::milliseconds timeout = std::chrono::seconds(60)) const;

    // SIGTERM, then SIGKILL if it has not ended within 5 s; returns the
    // wait status. The destructor does this when the test did not.
    int stop();

private:
    nlohmann::json get_json(const std::string& path) const;

    pid_t pid_ = -1;
    int api_port_ = 0;
    int files_port_ = 0;
};

}  // namespace genlayer::testing
