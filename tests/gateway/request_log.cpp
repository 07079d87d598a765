#include "request_log.hpp"

#include <stdexcept>

namespace genlayer::emulator {

RequestLog::RequestLog(const std::string& path) {
    if (path.empty()) return;
    file_.open(path, std::ios::app);
    if (!file_) throw std::runtime_error("Cannot write the log file " + path + "; check the folder exists.");
}

void RequestLog::record(LoggedRequest request) {
    std::lock_guard lock(mutex_);
    nlohmann::json entry = {{"seq", entries_.size() + 1},
                            {"port", std::move(request.port)},
                            {"method", std::move(request.method)},
                            {"path", std::move(request.path)},
                            {"status", request.status},
                            {"authorization", request.authorization},
                            {"t_ms", request.t_ms},
                            {"user_agent", std::move(request.user_agent)}};
    if (file_.is_open()) file_ << entry.dump() << std::endl;
    entries_.push_back(std::move(entry));
}

nlohmann::json RequestLog::entries() const {
    std::lock_guard lock(mutex_);
    return nlohmann::json(entries_);
}

}  // namespace genlayer::emulator
