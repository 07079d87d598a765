#include "net/http_client.hpp"

#include "base/status.hpp"
#include "base/version.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <memory>

namespace genlayer {
namespace {

// curl's transfer-info callback slows to about one call a second while a
// transfer is idle, so the wait loop itself wakes this often to check the
// cancel token.
constexpr int kCancelCheckMs = 20;

// Every header block of one response together (a 100 Continue's included);
// real answers need a few KiB.
constexpr size_t kMaxHeaderBytes = size_t(64) * 1024;

void init_curl_once() {
    static const CURLcode result = curl_global_init(CURL_GLOBAL_DEFAULT);
    if (result != CURLE_OK) throw Error(GENLAYER_INTERNAL, "The HTTP library (libcurl) could not be initialised.");
}

using EasyHandle = std::unique_ptr<CURL, decltype(&curl_easy_cleanup)>;
using MultiHandle = std::unique_ptr<CURLM, decltype(&curl_multi_cleanup)>;
using HeaderList = std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)>;
using Mime = std::unique_ptr<curl_mime, decltype(&curl_mime_free)>;

// What the callbacks see while one response arrives.
struct Reception {
    HttpResponse& response;
    size_t max_body_bytes;
    size_t header_bytes = 0;
    bool over_cap = false;  // the headers or the body
};

size_t receive_body(char* data, size_t size, size_t count, void* user) {
    auto& reception = *static_cast<Reception*>(user);
    const size_t bytes = size * count;
    if (reception.response.body.size() + bytes > reception.max_body_bytes) {
        reception.over_cap = true;
        return 0;  // makes curl abort with CURLE_WRITE_ERROR
    }
    // Room for the cap at once: a body that grew by doubling would hold its
    // old and new copies together, half as much again. The pages of the part
    // never received are never touched, so they cost no memory.
    if (reception.response.body.capacity() == 0) reception.response.body.reserve(reception.max_body_bytes);
    reception.response.body.insert(reception.response.body.end(), data, data + bytes);
    return bytes;
}

std::string_view trim(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

size_t receive_header(char* data, size_t size, size_t count, void* user) {
    auto& reception = *static_cast<Reception*>(user);
    auto& headers = reception.response.headers;
    const std::string_view line(data, size * count);
    reception.header_bytes += line.size();
    if (reception.header_bytes > kMaxHeaderBytes) {
        reception.over_cap = true;
        return 0;  // makes curl abort with CURLE_WRITE_ERROR
    }
    // A status line starts a new header block (after a 100 Continue, say).
    if (line.starts_with("HTTP/")) {
        headers.clear();
    } else if (const size_t colon = line.find(':'); colon != std::string_view::npos) {
        std::string name(trim(line.substr(0, colon)));
        std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return char(std::tolower(c)); });
        headers[name] = std::string(trim(line.substr(colon + 1)));
    }
    return size * count;
}

bool is_tls_failure(CURLcode code) {
    switch (code) {
        case CURLE_SSL_CONNECT_ERROR:
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_CERTPROBLEM:
        case CURLE_SSL_CIPHER:
        case CURLE_SSL_CACERT_BADFILE:
        case CURLE_SSL_ISSUER_ERROR:
        case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
        case CURLE_SSL_INVALIDCERTSTATUS:
        case CURLE_SSL_CRL_BADFILE:
        case CURLE_SSL_ENGINE_NOTFOUND:
        case CURLE_SSL_ENGINE_SETFAILED:
        case CURLE_SSL_ENGINE_INITFAILED:
        case CURLE_SSL_SHUTDOWN_FAILED: return true;
        default: return false;
    }
}

TransportFailure classify(CURLcode code, bool request_sent, const Reception& reception) {
    // curl reports a single header line over its own 100 KB limit as out of memory.
    if (reception.over_cap || code == CURLE_FILESIZE_EXCEEDED || code == CURLE_OUT_OF_MEMORY)
        return TransportFailure::too_large;
    if (is_tls_failure(code)) return TransportFailure::tls;
    if (!request_sent) return TransportFailure::connect_failed;
    if (code == CURLE_OPERATION_TIMEDOUT) return TransportFailure::timed_out;
    return TransportFailure::dropped;
}

void set_method_and_body(CURL* easy, const HttpRequest& request, Mime& mime) {
    if (request.method == "GET") {
        curl_easy_setopt(easy, CURLOPT_HTTPGET, 1L);
        return;
    }
    if (request.method != "POST")
        throw Error(GENLAYER_INTERNAL, "The HTTP method " + request.method + " is not supported.");
    if (request.files.empty() && request.form_fields.empty()) {
        curl_easy_setopt(easy, CURLOPT_POST, 1L);
        curl_easy_setopt(easy, CURLOPT_POSTFIELDS, request.body.data());
        curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(request.body.size()));
        return;
    }
    mime.reset(curl_mime_init(easy));
    for (const auto& file : request.files) {
        curl_mimepart* part = curl_mime_addpart(mime.get());
        curl_mime_name(part, file.field.c_str());
        curl_mime_filename(part, file.filename.c_str());
        curl_mime_type(part, file.mime_type.c_str());
        curl_mime_data(part, reinterpret_cast<const char*>(file.bytes->data()), file.bytes->size());
    }
    for (const auto& [name, value] : request.form_fields) {
        curl_mimepart* part = curl_mime_addpart(mime.get());
        curl_mime_name(part, name.c_str());
        curl_mime_data(part, value.data(), value.size());
    }
    curl_easy_setopt(easy, CURLOPT_MIMEPOST, mime.get());
}

// The same for every request: no redirect is followed (the caller sees the
// 3xx, and no header, least of all the API key, travels to a host it was not
// meant for), http and https only, TLS verified, the request's own limits.
void set_safety_and_limits(CURL* easy, const HttpRequest& request) {
    curl_easy_setopt(easy, CURLOPT_USERAGENT, kUserAgent);
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, long(request.connect_timeout.count()));
    curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, long(request.total_timeout.count()));
    // Refuses an announced Content-Length over the cap before any body byte.
    curl_easy_setopt(easy, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(request.max_body_bytes));
}

void set_reception(CURL* easy, Reception& reception, char* curl_message) {
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, receive_body);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, &reception);
    curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, receive_header);
    curl_easy_setopt(easy, CURLOPT_HEADERDATA, &reception);
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, curl_message);
}

// How much of the request left: a failure before its first byte is told apart from one after.
void record_what_was_sent(CURL* easy, HttpResponse& response, TransportError& error) {
    long request_bytes = 0;
    curl_easy_getinfo(easy, CURLINFO_REQUEST_SIZE, &request_bytes);
    curl_off_t uploaded = 0;
    curl_easy_getinfo(easy, CURLINFO_SIZE_UPLOAD_T, &uploaded);
    response.bytes_sent = uint64_t(uploaded);
    error.request_sent = request_bytes > 0;
}

}  // namespace

struct HttpClient::Impl {
    enum class Ending { finished, cancelled, stalled };

    SharedCancelToken cancel;
    EasyHandle easy{nullptr, curl_easy_cleanup};
    MultiHandle multi{nullptr, curl_multi_cleanup};

    // Bytes sent and received so far, headers included.
    curl_off_t bytes_moved() const {
        curl_off_t body_sent = 0, body_received = 0;
        long headers_sent = 0, headers_received = 0;
        curl_easy_getinfo(easy.get(), CURLINFO_SIZE_UPLOAD_T, &body_sent);
        curl_easy_getinfo(easy.get(), CURLINFO_SIZE_DOWNLOAD_T, &body_received);
        curl_easy_getinfo(easy.get(), CURLINFO_REQUEST_SIZE, &headers_sent);
        curl_easy_getinfo(easy.get(), CURLINFO_HEADER_SIZE, &headers_received);
        return body_sent + body_received + headers_sent + headers_received;
    }

    // Runs the transfer on the multi handle. curl's own low-speed check
    // averages over several seconds, so a stall after a burst would go
    // unnoticed that much longer: the idle time is measured here instead.
    Ending run(CURLcode& result, std::chrono::milliseconds stall_timeout) {
        curl_multi_add_handle(multi.get(), easy.get());
        int running = 1;
        Ending ending = Ending::finished;
        curl_off_t moved = 0;
        auto last_moved_at = std::chrono::steady_clock::now();
        while (running > 0) {
            if (cancel->cancelled()) {
                ending = Ending::cancelled;
                break;
            }
            if (curl_multi_perform(multi.get(), &running) != CURLM_OK) break;
            const auto now = std::chrono::steady_clock::now();
            if (const curl_off_t bytes = bytes_moved(); bytes != moved) {
                moved = bytes;
                last_moved_at = now;
            } else if (running > 0 && now - last_moved_at >= stall_timeout) {
                ending = Ending::stalled;
                break;
            }
            if (running > 0) curl_multi_poll(multi.get(), nullptr, 0, kCancelCheckMs, nullptr);
        }
        result = ending == Ending::stalled ? CURLE_OPERATION_TIMEDOUT : CURLE_RECV_ERROR;
        int queued = 0;
        while (CURLMsg* message = curl_multi_info_read(multi.get(), &queued))
            if (message->msg == CURLMSG_DONE) result = message->data.result;
        // Removing an unfinished transfer closes its connection.
        curl_multi_remove_handle(multi.get(), easy.get());
        return ending;
    }
};

HttpClient::HttpClient(SharedCancelToken cancel) {
    init_curl_once();
    auto impl = std::make_unique<Impl>();
    impl->cancel = cancel ? std::move(cancel) : std::make_shared<CancelToken>();
    impl->easy.reset(curl_easy_init());
    impl->multi.reset(curl_multi_init());
    if (!impl->easy || !impl->multi)
        throw Error(GENLAYER_INTERNAL, "The HTTP library (libcurl) could not create a connection handle.");
    impl_ = impl.release();
}

HttpClient::~HttpClient() { delete impl_; }

bool HttpClient::perform(const HttpRequest& request, HttpResponse& response, TransportError& error) {
    CURL* easy = impl_->easy.get();
    curl_easy_reset(easy);
    response = HttpResponse{};
    error = TransportError{};
    Reception reception{response, request.max_body_bytes};
    char curl_message[CURL_ERROR_SIZE] = {};

    HeaderList headers(nullptr, curl_slist_free_all);
    for (const auto& header : request.headers) headers.reset(curl_slist_append(headers.release(), header.c_str()));
    // curl would otherwise wait for a "100 Continue" before sending a large body.
    headers.reset(curl_slist_append(headers.release(), "Expect:"));
    Mime mime(nullptr, curl_mime_free);

    curl_easy_setopt(easy, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers.get());
    set_method_and_body(easy, request, mime);
    set_safety_and_limits(easy, request);
    set_reception(easy, reception, curl_message);

    CURLcode result = CURLE_OK;
    const Impl::Ending ending = impl_->run(result, request.stall_timeout);

    record_what_was_sent(easy, response, error);
    if (ending == Impl::Ending::cancelled) {
        error.failure = TransportFailure::cancelled;
        error.detail = "cancelled";
        return false;
    }
    if (result != CURLE_OK) {
        error.failure = classify(result, error.request_sent, reception);
        if (ending == Impl::Ending::stalled)
            error.detail = "nothing moved for " + std::to_string(request.stall_timeout.count()) + " ms";
        else
            error.detail = curl_message[0] != '\0' ? curl_message : curl_easy_strerror(result);
        return false;
    }
    curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &response.status);
    return true;
}

}  // namespace genlayer
