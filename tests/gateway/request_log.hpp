// Every request the emulator answered (control calls excepted), for tests to
// assert on and, with --log, as JSON lines in a file.
#pragma once

#include <nlohmann/json.hpp>

#include <fstream>
#include <mutex>
#include <string>
#include <vector>

namespace genlayer::emulator {

struct LoggedRequest {
    std::string port;  // "api" or "files"
    std::string method;
    std::string path;
    int status = 0;
    bool authorization = false;  // an Authorization header arrived
    long long t_ms = 0;          // when the request arrived, steady ms since start
    std::string user_agent;      // the User-Agent header, empty without one
};

class RequestLog {
public:
    // An empty path keeps the log in memory only.
    explicit RequestLog(const std::string& path);

    void record(LoggedRequest request);
    // [{seq, port, method, path, status, authorization, t_ms, user_agent}, …] in order.
    nlohmann::json entries() const;

private:
    mutable std::mutex mutex_;
    std::vector<nlohmann::json> entries_;
    std::ofstream file_;
};

}  // namespace genlayer::emulator
