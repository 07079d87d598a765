// The gateway's four calls, as docs/gateway-protocol.md describes them, with
// the retry rules of docs/architecture.md. The API key goes only to the API origin.
#pragma once

#include "base/cancel_token.hpp"
#include "base/status.hpp"
#include "gateway/gateway.hpp"
#include "gateway/upload_answer.hpp"
#include "net/http_client.hpp"
#include "net/retry_policy.hpp"
#include "net/url.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace genlayer {

class GatewayClient final : public Gateway {
public:
    struct Config {
        std::string base_url;  // validated by require_base_url
        std::string api_key;
        Clock::time_point deadline = Clock::time_point::max();  // max: none
        Backoff::Config backoff;
        // Per attempt: the connect timeout, and how long a transfer may
        // receive nothing before it is abandoned (and retried where safe).
        std::chrono::milliseconds connect_timeout = HttpRequest{}.connect_timeout;
        std::chrono::milliseconds stall_timeout = HttpRequest{}.stall_timeout;
        // Told of every 429, so a batch can lower its concurrency.
        std::function<void()> on_rate_limited;
    };
    GatewayClient(Config config, SharedCancelToken cancel);

    // POST /v1/uploads/images. Retried like a read (an upload creates nothing billable).
    UploadedImage upload(const EncodedImage& image) override;

    // POST /v1/images/generations. Retried only when nothing was created
    // (connect failure, 429). A timeout, a dropped connection or a 5xx after
    // the request was sent throws Error(OUTCOME_UNKNOWN).
    TaskInfo submit(const ResolvedRequest& request) override;

    // GET /v1/images/generations/{id}. Retried on network errors, 429, 5xx.
    TaskInfo status(const std::string& task_id) override;

    // GET a result URL on any host, without the key. Retried; size-capped.
    std::vector<uint8_t> download(const std::string& url, size_t max_bytes) override;

    const TransferStats& stats() const override { return stats_; }

private:
    struct Call;   // how one kind of call is authorised and retried
    struct Retry;  // why an attempt is made again, and when the server asks for it
    // Sends with the retry rules of `call`; `parse` turns a 2xx answer into
    // the result and throws Error(BAD_RESPONSE) when it cannot.
    template <class Parse>
    auto exchange(HttpRequest request, const Call& call, Parse parse);
    void begin_attempt(HttpRequest& request, const Call& call) const;
    bool send(const HttpRequest& request, HttpResponse& response, TransportError& failure);  // counts it
    // An error status, and a failed transfer: each throws when it ends the
    // call, else says why the call is tried again.
    Retry refusal(const HttpResponse& response, const Call& call);
    Error transport_failure(const TransportError& failure, const Call& call) const;
    // A 2xx answer `parse` could not read: whether to ask again.
    bool ask_again(const Error& unreadable, const Call& call, int& malformed_left) const;
    // Waits out the backoff, or throws the reason when no attempt is left before the deadline.
    void wait_to_retry(Backoff& backoff, const Retry& retry, const Call& call);
    void attach_key(HttpRequest& request, const Call& call) const;
    void require_api_key() const;
    std::string endpoint(std::string_view path) const;

    Config config_;
    Url base_;
    SharedCancelToken cancel_;
    HttpClient http_;
    TransferStats stats_;
};

}  // namespace genlayer
