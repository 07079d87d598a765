// RAII over libcurl: one request, one response, no redirects, verified TLS,
// cancellable within 100 ms. What a hostile or broken server can make it do
// is bounded:
//  - memory: the response headers may take 64 KiB in all (curl itself
//    refuses any single header line over 100 KB), the body max_body_bytes:
//    a larger Content-Length is refused before the body, a body without one
//    is aborted once past the cap. Both end as too_large.
//  - time: a transfer that moves no byte for stall_timeout is abandoned
//    (timed_out). A trickle that keeps moving (a byte a second) is not a
//    stall; total_timeout ends it, and GatewayClient sets that to what is left
//    of the job's deadline (--timeout), so a slow answer costs at most the
//    deadline. No minimum rate is enforced: on a slow link a rate floor would
//    abandon good transfers that the deadline still has room for.
#pragma once

#include "base/cancel_token.hpp"

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace genlayer {

struct MultipartFile {
    std::string field;                            // "file"
    std::string filename;                         // "reference.jpg"
    std::string mime_type;                        // "image/jpeg"
    const std::vector<uint8_t>* bytes = nullptr;  // borrowed for the call
};

struct HttpRequest {
    std::string method = "GET";  // GET or POST
    std::string url;
    std::vector<std::string> headers;                              // "Name: value"
    std::string body;                                              // POST with a plain body
    std::vector<MultipartFile> files;                              // POST multipart/form-data
    std::vector<std::pair<std::string, std::string>> form_fields;  // multipart text fields
    std::chrono::milliseconds connect_timeout{10'000};
    std::chrono::milliseconds total_timeout{0};  // 0: none beyond the caller's deadline
    // Abandon the transfer (timed_out) once no byte has moved either way for this long.
    std::chrono::milliseconds stall_timeout{30'000};
    size_t max_body_bytes = size_t(64) * 1024 * 1024;
};

struct HttpResponse {
    long status = 0;
    std::map<std::string, std::string> headers;  // names lower-cased
    std::vector<uint8_t> body;
    std::string body_text() const { return {body.begin(), body.end()}; }
    // Bytes sent and received, for the CLI's report.
    uint64_t bytes_sent = 0;
};

// What went wrong below HTTP. `connected` tells whether the request may have
// reached the server (it matters for submits: never retry one that did).
enum class TransportFailure {
    none,
    connect_failed,  // DNS, refused, connect timeout: nothing was sent
    dropped,         // reset, truncated, partial body after sending
    timed_out,       // total timeout or stall
    too_large,       // headers over 64 KiB, or body over max_body_bytes
    cancelled,
    tls,
};

struct TransportError {
    TransportFailure failure = TransportFailure::none;
    bool request_sent = false;  // true once any byte of the request was written
    std::string detail;         // curl's message, for the sentence
};

class HttpClient {
public:
    explicit HttpClient(SharedCancelToken cancel);
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    // Performs the request. Returns true with `response` filled for any HTTP
    // status; false with `error` filled when no complete response arrived.
    bool perform(const HttpRequest& request, HttpResponse& response, TransportError& error);

private:
    struct Impl;
    Impl* impl_;
};

}  // namespace genlayer
