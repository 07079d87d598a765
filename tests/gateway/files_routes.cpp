#include "files_routes.hpp"

#include "request_logging.hpp"

#include <algorithm>
#include <chrono>
#include <memory>
#include <thread>

namespace genlayer::emulator {
namespace {

// What happens halfway through a download.
struct Halfway {
    bool drop = false;            // the connection closes
    int pause_ms = 0;             // then the rest, after this pause
    RequestGate* hold = nullptr;  // then the rest, once released there
};

// Streams `size` bytes at `data` (kept alive by `owner`): the first half,
// then what `halfway` says.
void send_file(httplib::Response& response, std::shared_ptr<const void> owner, const char* data, size_t size,
               const std::string& mime_type, Halfway halfway) {
    const size_t half = size / 2;
    response.set_content_provider(
        size, mime_type,
        [owner = std::move(owner), data, size, half, halfway](size_t offset, size_t, httplib::DataSink& sink) {
            if (offset < half) return sink.write(data + offset, half - offset);
            if (halfway.drop) return false;
            if (offset == half && halfway.pause_ms > 0)
                std::this_thread::sleep_for(std::chrono::milliseconds(halfway.pause_ms));
            if (offset == half && halfway.hold) halfway.hold->hold();
            return sink.write(data + offset, size - offset);
        });
}

void send_with_faults(Gateway& gateway, httplib::Response& response, std::shared_ptr<const void> owner,
                      const char* data, size_t size, const std::string& mime_type) {
    Halfway halfway;
    halfway.drop = gateway.faults.take(Fault::drop_downloads);
    halfway.pause_ms = gateway.faults.take_download_pause_ms();
    if (gateway.faults.take(Fault::hold_downloads)) halfway.hold = &gateway.held_downloads;
    send_file(response, std::move(owner), data, size, mime_type, halfway);
}

void not_found(httplib::Response& response, const std::string& why) {
    response.status = 404;
    response.set_content(why, "text/plain");
}

void handle_upload_file(Gateway& gateway, const httplib::Request& request, httplib::Response& response) {
    const auto upload = gateway.uploads.find(request.matches[1]);
    if (!upload) return not_found(response, "No such upload.");
    send_with_faults(gateway, response, upload, upload->bytes.data(), upload->bytes.size(), upload->mime_type);
}

void handle_generated_file(Gateway& gateway, const httplib::Request& request, httplib::Response& response) {
    const auto task = gateway.tasks.find(request.matches[1]);
    const long long now_ms = gateway.clock.now_ms();
    if (!task || task->phase_at(now_ms) != TaskPhase::finished) return not_found(response, "No such result.");
    const long long expires_ms = *task->completes_at_ms() + gateway.options.result_ttl_s * 1000;
    if (gateway.faults.expire_results() || now_ms >= expires_ms) return not_found(response, "This result has expired.");
    const TaskResults& results = task->results();
    const size_t index = std::stoul(request.matches[2]);
    if (index >= results.pngs.size()) return not_found(response, "No such result.");
    const std::vector<uint8_t>& png = results.pngs[index];
    send_with_faults(gateway, response, task, reinterpret_cast<const char*>(png.data()), png.size(), "image/png");
}

}  // namespace

void install_files_routes(httplib::Server& server, Gateway& gateway) {
    install_request_logging(server, gateway, "files");
    server.Get(R"(/uploads/([A-Za-z0-9_]+\.[a-z]+))",
               [&gateway](const auto& request, auto& response) { handle_upload_file(gateway, request, response); });
    server.Get(R"(/generated/([A-Za-z0-9_]+)-([0-9]{1,3})\.png)",
               [&gateway](const auto& request, auto& response) { handle_generated_file(gateway, request, response); });
}

}  // namespace genlayer::emulator
