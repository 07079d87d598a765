#include "gateway/gateway_client.hpp"

#include "gateway/gateway_errors.hpp"
#include "gateway/task_json.hpp"
#include "gateway/upload_answer.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace genlayer {
namespace {

using std::chrono::milliseconds;

constexpr size_t kMaxApiAnswerBytes = size_t(1024) * 1024;
// A garbled body on a read may be a proxy's hiccup: ask again this often.
constexpr int kMalformedRetries = 2;
// No single transfer needs longer, and it keeps curl's arithmetic in range
// when there is no deadline.
constexpr milliseconds kLongestTransfer = std::chrono::hours(24);

bool is_success(long status) { return status >= 200 && status < 300; }

// A file host answers these for a result URL past its expiry.
bool is_gone(long status) { return status == 403 || status == 404 || status == 410; }

bool is_redirect(long status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

// A download's redirect is its answer too: download() follows it itself.
bool is_answer(long status, bool api) { return is_success(status) || (!api && is_redirect(status)); }

// A file host may send a result on to a CDN; more hops than this is a loop.
constexpr int kMaxDownloadRedirects = 5;

// The gateway's message may quote the key back; it never reaches a sentence.
Error without_key(const Error& error, const std::string& key) {
    if (key.empty()) return error;
    constexpr std::string_view kMask = "[API key]";
    std::string sentence = error.what();
    // Resume after the mask: a key that occurs inside the mask must not loop.
    for (size_t at = sentence.find(key); at != std::string::npos; at = sentence.find(key, at + kMask.size()))
        sentence.replace(at, key.size(), kMask);
    return Error(error.status(), sentence, error.code());
}

std::string submit_body(const ResolvedRequest& request) {
    return to_json(request).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

struct GatewayClient::Call {
    std::string_view what;      // names the call in sentences
    bool creates_task = false;  // a submit: never repeated once it may have arrived
    bool api = true;            // false for a file download, which never carries the key
};

struct GatewayClient::Retry {
    Error reason;                       // thrown when no attempt is left
    std::optional<milliseconds> after;  // the server's Retry-After
};

GatewayClient::GatewayClient(Config config, SharedCancelToken cancel)
    : config_(std::move(config)),
      base_(require_base_url(config_.base_url)),
      cancel_(cancel ? std::move(cancel) : std::make_shared<CancelToken>()),
      http_(cancel_) {}

// The only place the key joins a request: API calls whose URL has the
// configured API origin. Redirects are not followed, so it goes nowhere else.
void GatewayClient::attach_key(HttpRequest& request, const Call& call) const {
    const auto url = parse_url(request.url);
    if (call.api && url && url->origin() == base_.origin())
        request.headers.push_back("Authorization: Bearer " + config_.api_key);
}

void GatewayClient::require_api_key() const {
    if (config_.api_key.empty()) throw missing_key_error();
    const bool printable = std::all_of(config_.api_key.begin(), config_.api_key.end(),
                                       [](char c) { return static_cast<unsigned char>(c) > 0x20 && c != 0x7f; });
    if (!printable)
        throw Error(GENLAYER_AUTH, "The API key contains spaces or control characters; paste it again without them.");
}

std::string GatewayClient::endpoint(std::string_view path) const {
    std::string base = config_.base_url;
    while (base.ends_with('/')) base.pop_back();
    return base + std::string(path);
}

template <class Parse>
auto GatewayClient::exchange(HttpRequest request, const Call& call, Parse parse) {
    attach_key(request, call);
    request.connect_timeout = config_.connect_timeout;
    request.stall_timeout = config_.stall_timeout;
    Backoff backoff(config_.backoff);
    int malformed_left = call.creates_task ? 0 : kMalformedRetries;
    for (;;) {
        begin_attempt(request, call);
        HttpResponse response;
        TransportError failure;
        std::optional<Retry> retry;
        if (!send(request, response, failure)) {
            retry = Retry{transport_failure(failure, call), std::nullopt};
        } else if (!is_answer(response.status, call.api)) {
            retry = refusal(response, call);
        } else {
            try {
                return parse(response);
            } catch (const Error& error) {
                if (!ask_again(error, call, malformed_left)) throw;
                retry = Retry{error, std::nullopt};
            }
        }
        wait_to_retry(backoff, *retry, call);
    }
}

// A cancel or the deadline ends the call before an attempt; the attempt may
// take what is left.
void GatewayClient::begin_attempt(HttpRequest& request, const Call& call) const {
    if (cancel_->cancelled()) throw cancelled_error(call.what);
    const auto left = config_.deadline - Clock::now();
    if (left <= Clock::duration::zero()) throw deadline_error(call.what);
    request.total_timeout = std::min(std::chrono::ceil<milliseconds>(left), kLongestTransfer);
}

bool GatewayClient::send(const HttpRequest& request, HttpResponse& response, TransportError& failure) {
    ++stats_.requests;
    if (!http_.perform(request, response, failure)) return false;
    stats_.bytes_uploaded += response.bytes_sent;
    stats_.bytes_downloaded += response.body.size();
    return true;
}

GatewayClient::Retry GatewayClient::refusal(const HttpResponse& response, const Call& call) {
    const long status = response.status;
    if (!call.api && is_gone(status)) throw expired_result_error();
    if (status >= 500 && call.creates_task)
        throw outcome_unknown_error("was answered with HTTP " + std::to_string(status));
    Error refusal = without_key(error_from_response(status, response.body_text(), call.what), config_.api_key);
    // The code decides: a quota refused with 429 is never retried.
    const bool retriable =
        refusal.status() == GENLAYER_RATE_LIMITED ||
        (status >= 500 && (refusal.status() == GENLAYER_NETWORK || refusal.status() == GENLAYER_BAD_RESPONSE));
    if (!retriable) throw refusal;
    if (refusal.status() == GENLAYER_RATE_LIMITED) {
        ++stats_.rate_limited;
        if (config_.on_rate_limited) config_.on_rate_limited();
    }
    std::optional<milliseconds> after;
    if (const auto header = response.headers.find("retry-after"); header != response.headers.end())
        after = parse_retry_after(header->second, std::chrono::system_clock::now());
    return {std::move(refusal), after};
}

Error GatewayClient::transport_failure(const TransportError& failure, const Call& call) const {
    // A submit that may have reached the server is never repeated, and never
    // reported as not sent, whatever ended it (a cancel too).
    if (call.creates_task && failure.request_sent)
        throw outcome_unknown_error(failure.failure == TransportFailure::timed_out   ? "timed out"
                                    : failure.failure == TransportFailure::cancelled ? "was cancelled"
                                                                                     : "lost its connection");
    switch (failure.failure) {
        case TransportFailure::cancelled:
        case TransportFailure::too_large:
        case TransportFailure::tls: throw error_from_transport(failure, call.what);
        default: return error_from_transport(failure, call.what);
    }
}

bool GatewayClient::ask_again(const Error& unreadable, const Call& call, int& malformed_left) const {
    // An unreadable answer to a submit may still stand for a created task.
    if (call.creates_task && unreadable.status() == GENLAYER_BAD_RESPONSE)
        throw outcome_unknown_error("was answered with a body that could not be read");
    return unreadable.status() == GENLAYER_BAD_RESPONSE && malformed_left-- > 0;
}

void GatewayClient::wait_to_retry(Backoff& backoff, const Retry& retry, const Call& call) {
    const auto wait = backoff.next(retry.after);
    if (!wait || Clock::now() + *wait >= config_.deadline) throw retry.reason;
    ++stats_.retries;
    if (!cancel_->sleep_for(*wait)) throw cancelled_error(call.what);
}

UploadedImage GatewayClient::upload(const EncodedImage& image) {
    require_api_key();
    HttpRequest request;
    request.method = "POST";
    request.url = endpoint("/v1/uploads/images");
    request.headers = {"Accept: application/json"};
    request.files.push_back({"file", "reference." + image.extension, image.mime_type, &image.bytes});
    request.form_fields = {{"purpose", "generation"}};
    request.max_body_bytes = kMaxApiAnswerBytes;
    return exchange(std::move(request), Call{.what = "upload"},
                    [](const HttpResponse& response) { return parse_upload_answer(response.body_text()); });
}

TaskInfo GatewayClient::submit(const ResolvedRequest& resolved) {
    require_api_key();
    HttpRequest request;
    request.method = "POST";
    request.url = endpoint("/v1/images/generations");
    request.headers = {"Accept: application/json", "Content-Type: application/json"};
    request.body = submit_body(resolved);
    request.max_body_bytes = kMaxApiAnswerBytes;
    return exchange(std::move(request), Call{.what = "submit", .creates_task = true},
                    [](const HttpResponse& response) { return parse_task(response.body_text()); });
}

TaskInfo GatewayClient::status(const std::string& task_id) {
    require_api_key();
    require_task_id(task_id, true);
    HttpRequest request;
    request.url = endpoint("/v1/images/generations/" + task_id);
    request.headers = {"Accept: application/json"};
    request.max_body_bytes = kMaxApiAnswerBytes;
    return exchange(std::move(request), Call{.what = "status check"},
                    [](const HttpResponse& response) { return parse_task(response.body_text()); });
}

std::vector<uint8_t> GatewayClient::download(const std::string& url, size_t max_bytes) {
    // Redirects are followed here, hop by hop, so that each new address is
    // checked like the first one; a download never carries the key.
    std::string current = url;
    for (int hop = 0;; ++hop) {
        require_server_url(current);
        HttpRequest request;
        request.url = current;
        request.max_body_bytes = max_bytes;
        std::string location;
        auto body = exchange(std::move(request), Call{.what = "download", .api = false}, [&](HttpResponse& response) {
            if (is_redirect(response.status)) {
                const auto header = response.headers.find("location");
                if (header == response.headers.end())
                    throw malformed_answer_error("download", "a redirect without a Location");
                location = header->second;
            }
            return std::move(response.body);
        });
        if (location.empty()) return body;
        if (hop == kMaxDownloadRedirects) throw malformed_answer_error("download", "too many redirects");
        current = location;
    }
}

}  // namespace genlayer
