#include "hostile_gateway.hpp"

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>
#include <algorithm>
#include <utility>

namespace genlayer::testing {
namespace {

constexpr const char* kTaskId = "task_hostile";
constexpr size_t kMiB = 1024 * 1024;

std::string task_json(const std::string& status, const std::string& result_url = "") {
    std::string json = R"({"id": ")" + std::string(kTaskId) + R"(", "status": ")" + status + R"(", "progress": )" +
                       (status == "completed" ? "100" : "0");
    if (!result_url.empty()) json += R"(, "result": {"data": [{"url": ")" + result_url + R"("}]})";
    return json + "}";
}

}  // namespace

HostileGateway::HostileGateway(Hostility hostility, std::string result_body)
    : hostility_(hostility),
      result_body_(std::move(result_body)),
      ftp_listener_(test::SilentListener::bound_socket()),
      server_([this](httplib::Server& s) {
          s.Post("/v1/images/generations", [this](const httplib::Request&, httplib::Response& response) {
              ++submits_;
              response.set_content(task_json("queued"), "application/json");
          });
          s.Get(std::string("/v1/images/generations/") + kTaskId,
                [this](const httplib::Request&, httplib::Response& response) {
                    ++status_requests_;
                    answer_status(response);
                });
          s.Get("/result.png",
                [this](const httplib::Request&, httplib::Response& response) { answer_result(response); });
      }) {
    // Listening but never accepting: a connection would wait in the backlog, to be counted.
    ::listen(ftp_listener_, 8);
    ::fcntl(ftp_listener_, F_SETFL, O_NONBLOCK);
}

HostileGateway::~HostileGateway() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    stopping_cv_.notify_all();
    ::close(ftp_listener_);
}

int HostileGateway::ftp_connections() const {
    int count = 0;
    for (int connection; (connection = ::accept(ftp_listener_, nullptr, nullptr)) >= 0; ++count) ::close(connection);
    return count;
}

bool HostileGateway::pause_a_second() {
    std::unique_lock lock(mutex_);
    return !stopping_cv_.wait_for(lock, std::chrono::seconds(1), [this] { return stopping_; });
}

void HostileGateway::answer_status(httplib::Response& response) {
    const std::string completed = task_json("completed", server_.url("/result.png"));
    switch (hostility_) {
        case Hostility::huge_status_header:
            response.set_header("X-Padding", std::string(kMiB, 'a'));
            response.set_content(completed, "application/json");
            return;
        case Hostility::endless_status:
            response.set_chunked_content_provider("application/json", [this](size_t, httplib::DataSink& sink) {
                const std::string blanks(64 * 1024, ' ');
                if (!sink.write(blanks.data(), blanks.size())) return false;
                bytes_sent_ += blanks.size();
                return true;
            });
            return;
        case Hostility::trickled_status:
            response.set_chunked_content_provider(
                "application/json", [this, body = task_json("in_progress")](size_t offset, httplib::DataSink& sink) {
                    if (offset == body.size()) {
                        sink.done();
                        return true;
                    }
                    if (!sink.write(body.data() + offset, 1)) return false;
                    ++bytes_sent_;
                    return pause_a_second();
                });
            return;
        case Hostility::html_status:
            response.set_content(
                "<!DOCTYPE html><html><head><title>Sign in to the network</title></head>"
                "<body><form method=\"post\"><input name=\"user\"></form></body></html>",
                "text/html");
            return;
        case Hostility::result_redirect_to_file:
        case Hostility::result_redirect_to_ftp:
        case Hostility::huge_result:
        case Hostility::crafted_result: response.set_content(completed, "application/json"); return;
    }
}

void HostileGateway::answer_result(httplib::Response& response) {
    switch (hostility_) {
        case Hostility::result_redirect_to_file: response.set_redirect("file:///etc/passwd"); return;
        case Hostility::result_redirect_to_ftp:
            response.set_redirect("ftp://127.0.0.1:" + std::to_string(test::SilentListener::port_of(ftp_listener_)) +
                                  "/result.png");
            return;
        case Hostility::huge_result:
            // A PNG's signature, then zeros, in chunks: never the whole in memory here either.
            response.set_chunked_content_provider("image/png", [this](size_t offset, httplib::DataSink& sink) {
                if (offset >= kHugeResultBytes) {
                    sink.done();
                    return true;
                }
                std::string chunk(std::min<uint64_t>(kMiB, kHugeResultBytes - offset), '\0');
                if (offset == 0) chunk.replace(0, 8, "\x89PNG\r\n\x1a\n", 8);
                if (!sink.write(chunk.data(), chunk.size())) return false;
                bytes_sent_ += chunk.size();
                return true;
            });
            return;
        case Hostility::crafted_result: response.set_content(result_body_, "image/png"); return;
        default: response.status = 404; return;
    }
}

}  // namespace genlayer::testing
