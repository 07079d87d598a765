// A gateway that takes the submit like the real one, then misbehaves on the
// status call or the result download: an httplib server in the test process
// on a loopback port, for the cases of what a hostile or broken server can
// make `genlayer` do.
#pragma once

#include "loopback_server.hpp"

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>

namespace genlayer::testing {

enum class Hostility {
    huge_status_header,       // the status answer carries a 1 MB header
    endless_status,           // a status body (JSON whitespace) that never ends
    trickled_status,          // a status answer sent one byte a second
    html_status,              // 200 with an HTML page instead of JSON
    result_redirect_to_file,  // the completed task's image redirects to file:///etc/passwd
    result_redirect_to_ftp,   // … to ftp:// on a loopback port that counts connections
    huge_result,              // the image: 200 MB without a Content-Length
    crafted_result,           // the image: the bytes the test gives (a decompression bomb)
};

class HostileGateway {
public:
    static constexpr uint64_t kHugeResultBytes = 200ull * 1024 * 1024;

    // `result_body` is what a crafted_result serves as the image.
    explicit HostileGateway(Hostility hostility, std::string result_body = {});
    ~HostileGateway();  // ends a trickle at once
    HostileGateway(const HostileGateway&) = delete;
    HostileGateway& operator=(const HostileGateway&) = delete;

    std::string url() const { return server_.url(); }
    int submits() const { return submits_; }
    int status_requests() const { return status_requests_; }
    // Bytes of the status body or the image the client took (a write that
    // failed because it hung up is not counted).
    uint64_t bytes_sent() const { return bytes_sent_; }
    // Connections made to the ftp:// address a redirect names.
    int ftp_connections() const;

private:
    void answer_status(httplib::Response& response);
    void answer_result(httplib::Response& response);
    // Waits a second, or less if the gateway is going away; false then.
    bool pause_a_second();

    const Hostility hostility_;
    const std::string result_body_;
    std::atomic<int> submits_{0};
    std::atomic<int> status_requests_{0};
    std::atomic<uint64_t> bytes_sent_{0};
    int ftp_listener_ = -1;
    std::mutex mutex_;
    std::condition_variable stopping_cv_;
    bool stopping_ = false;        // guarded by mutex_
    test::LoopbackServer server_;  // last: stopped before the state its handlers use
};

}  // namespace genlayer::testing
