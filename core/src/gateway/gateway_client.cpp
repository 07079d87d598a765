#include "gateway/gateway_client.hpp"

#include "gateway/gateway_errors.hpp"
#include "gateway/task_json.hpp"
#include "gateway/upload_answer.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace genlayer {
namespace {

using std::chrono::milliseconds;

constexpr size_t kMaxApiAnswerBytes = 1024 * 1024;
// A garbled body on a read may be a proxy's hiccup: ask again this often.
constexpr int kMalformedRetries = 2;
// No single transfer needs longer, and it keeps curl's arithmetic in range
// when there is no deadline.
constexpr milliseconds kLongestTransfer = std::chrono::hours(24);

bool is_success(long status) { return status >= 200 && status < 300; }

// A file host answers these for a result URL past its expiry.
bool is_gone(long status) { return status == 403 || status == 404 || status == 410; }

bool is_redirect(long status) { return status == 301 || status == 302 || status == 303 || status == 307 || status == 308; }

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
    return Error(error.status(), sentence);
}

std::string submit_body(const ResolvedRequest& request) {
    nlohmann::json body = {
        {"model", request.model},
        {"prompt", request.prompt},
        {"size", request.size.text()},
        {"resolution", std::to_string(request.resolution)},  // a string, per the spec
        {"n", request.n},
        {"response_format", request.response_format},
    };
    if (!request.reference_urls.empty()) body["reference_images"] = request.reference_urls;
    return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

struct GatewayClient::Call {
    std::string_view what;      // names the call in sentences
    bool creates_task = false;  // a submit: never repeated once it may have arrived
    bool api = true;            // false for a file download, which never carries the key
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
    const bool printable = std::all_of(config_.api_key.begin(), config_.api_key.end(), [](char c) {
        return static_cast<unsigned char>(c) > 0x20 && c != 0x7f;
    });
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
        if (cancel_->cancelled()) throw cancelled_error(call.what);
        const auto left = config_.deadline - Clock::now();
        if (left <= Clock::duration::zero()) throw deadline_error(call.what);
        request.total_timeout = std::min(std::chrono::ceil<milliseconds>(left), kLongestTransfer);

        ++stats_.requests;
        HttpResponse response;
        TransportError failure;
        std::optional<milliseconds> retry_after;
        std::optional<Error> reason;  // why this attempt may be tried again
        if (http_.perform(request, response, failure)) {
            stats_.bytes_uploaded += response.bytes_sent;
            stats_.bytes_downloaded += response.body.size();
            const long status = response.status;
            // A download's redirect is its answer too: download() follows it itself.
            if (is_success(status) || (!call.api && is_redirect(status))) {
                try {
                    return parse(response);
                } catch (const Error& error) {
                    // An unreadable answer to a submit may still stand for a created task.
                    if (call.creates_task && error.status() == GENLAYER_BAD_RESPONSE)
                        throw outcome_unknown_error("was answered with a body that could not be read");
                    if (error.status() != GENLAYER_BAD_RESPONSE || malformed_left-- == 0) throw;
                    reason = error;
                }
            } else if (!call.api && is_gone(status)) {
                throw expired_result_error();
            } else if (status >= 500 && call.creates_task) {
                throw outcome_unknown_error("was answered with HTTP " + std::to_string(status));
            } else {
                Error refusal =
                    without_key(error_from_response(status, response.body_text(), call.what), config_.api_key);
                if (status != 429 && status < 500) throw refusal;
                if (status == 429) {
                    ++stats_.rate_limited;
                    if (config_.on_rate_limited) config_.on_rate_limited();
                }
                if (const auto header = response.headers.find("retry-after"); header != response.headers.end())
                    retry_after = parse_retry_after(header->second, std::chrono::system_clock::now());
                reason = std::move(refusal);
            }
        } else {
            // A submit that may have reached the server is never repeated,
            // and never reported as not sent, whatever ended it (a cancel too).
            if (call.creates_task && failure.request_sent)
                throw outcome_unknown_error(failure.failure == TransportFailure::timed_out   ? "timed out"
                                            : failure.failure == TransportFailure::cancelled ? "was cancelled"
                                                                                             : "lost its connection");
            switch (failure.failure) {
                case TransportFailure::cancelled:
                case TransportFailure::too_large:
                case TransportFailure::tls:
                    throw error_from_transport(failure, call.what);
                default:
                    break;
            }
            reason = error_from_transport(failure, call.what);
        }

        const auto wait = backoff.next(retry_after);
        if (!wait || Clock::now() + *wait >= config_.deadline) throw *reason;
        ++stats_.retries;
        if (!cancel_->sleep_for(*wait)) throw cancelled_error(call.what);
    }
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
