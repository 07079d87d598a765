#include "gateway/gateway_errors.hpp"

#include "base/utf8.hpp"
#include "gateway/json_fields.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>

namespace genlayer {
namespace {

constexpr size_t kMaxQuotedBytes = 200;

// What an error answer says, from either shape of the spec.
struct ServerError {
    std::string message;
    std::string type;
    std::string code;
    bool names(std::string_view kind) const { return type == kind || code == kind; }
};

ServerError read_server_error(std::string_view body) {
    const auto json = nlohmann::json::parse(body, nullptr, false);
    ServerError error;
    if (!json.is_object()) return error;
    const auto shape_a = json.find("error");
    if (shape_a != json.end() && shape_a->is_object()) {
        error.message = json_string_field(*shape_a, "message");
        error.type = json_string_field(*shape_a, "type");
        if (const auto code = shape_a->find("code"); code != shape_a->end()) error.code = json_code_text(*code);
    } else if (shape_a != json.end() && shape_a->is_string()) {
        error.message = shape_a->get<std::string>();
    } else {
        error.message = json_string_field(json, "message");  // shape B
    }
    return error;
}

// ` (the gateway said: "…")`, or nothing when there is nothing worth quoting.
std::string quote(std::string_view message) {
    const std::string text = sanitize_server_text(message);
    return text.empty() ? std::string() : " (the gateway said: \"" + text + "\")";
}

Error content_policy_error(std::string_view message) {
    return Error(GENLAYER_CONTENT_POLICY,
                 "The gateway refused the prompt or the image under its content policy" + quote(message) +
                     "; change the prompt or the reference and try again.",
                 "content_policy_violation");
}

bool is_content_policy_code(std::string code) {
    std::transform(code.begin(), code.end(), code.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return code.find("content_policy") != std::string::npos || code.find("moderation") != std::string::npos;
}

}  // namespace

std::string sanitize_server_text(std::string_view text) {
    std::string clean;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        const bool blank = byte < 0x20 || byte == 0x7f || c == ' ';
        if (blank) {
            if (!clean.empty() && clean.back() != ' ') clean += ' ';
        } else {
            clean += c == '"' ? '\'' : c;
        }
    }
    while (!clean.empty() && (clean.back() == ' ' || clean.back() == '.')) clean.pop_back();
    // A body that is itself JSON or markup is never quoted.
    if (clean.starts_with('{') || clean.starts_with('[') || clean.starts_with('<')) return {};
    const size_t cut = utf8_cut(clean, kMaxQuotedBytes);
    return cut < clean.size() ? clean.substr(0, cut) + "…" : clean;
}

Error error_from_response(long http_status, std::string_view body, std::string_view what) {
    const ServerError server = read_server_error(body);
    const std::string call(what);
    const std::string status = std::to_string(http_status);
    const std::string said = quote(server.message);
    // A numeric code only repeats the HTTP status: the type names the kind then.
    const bool numeric_code =
        std::all_of(server.code.begin(), server.code.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
    const std::string code = server.code.empty() || numeric_code ? server.type : server.code;
    const auto refusal = [&](Status kind, const std::string& sentence) { return Error(kind, sentence, code); };

    // A documented code decides, in either spelling, whatever the HTTP status.
    if (server.names("invalid_reference_images"))
        return refusal(GENLAYER_INVALID_REQUEST,
                       "The gateway refused a reference image" + said +
                           "; references must be http(s) URLs, so upload the image first and send its URL.");
    if (server.names("insufficient_quota"))
        return refusal(GENLAYER_QUOTA, "The gateway account has no balance left (" + status +
                                           " insufficient_quota); top up the account, then try again.");
    if (server.names("content_policy_violation")) return content_policy_error(server.message);
    if (server.names("authentication_error") || server.names("unauthorized"))
        return refusal(GENLAYER_AUTH, "The gateway refused the API key (" + status +
                                          "). Set TOAPIS_API_KEY or the key in the dialog.");
    if (server.names("rate_limit_exceeded"))
        return refusal(GENLAYER_RATE_LIMITED, "The gateway kept rate-limiting the " + call + " (" + status +
                                                  ") through every retry" + said +
                                                  "; wait a minute or run fewer generations at once.");
    if (server.names("task_not_found") || server.names("not_found_error"))
        return refusal(GENLAYER_NOT_FOUND, "The gateway does not know this task (" + status + ")" + said +
                                               "; the id may be wrong or the task may have expired.");
    if (server.names("invalid_request_error") || server.names("invalid_request"))
        return refusal(GENLAYER_INVALID_REQUEST, "The gateway refused the " + call + " as invalid (" + status + ")" +
                                                     said + "; fix the request rather than retrying it unchanged.");
    if (server.names("internal_error"))
        return refusal(GENLAYER_BAD_RESPONSE, "The gateway failed with an internal error (" + status + ") on the " +
                                                  call + said + "; try again later.");

    // Otherwise the HTTP status, and the server's own text for a code we do not know.
    if (http_status == 401)
        return refusal(GENLAYER_AUTH,
                       "The gateway refused the API key (401). Set TOAPIS_API_KEY or the key in the dialog.");
    if (http_status == 402)
        return refusal(GENLAYER_QUOTA,
                       "The gateway account has no balance left (402); top up the account, then try again.");
    if (http_status == 422) return content_policy_error(server.message);
    if (http_status == 429)
        return refusal(GENLAYER_RATE_LIMITED, "The gateway kept rate-limiting the " + call +
                                                  " (429) through every retry" + said +
                                                  "; wait a minute or run fewer generations at once.");
    if (http_status == 404)
        return refusal(GENLAYER_NOT_FOUND, "The gateway has nothing at the address of the " + call + " (404)" + said +
                                               "; check the base URL.");
    if (http_status == 403)
        return refusal(GENLAYER_AUTH, "The gateway refused access for the " + call + " (403)" + said +
                                          "; check that the API key may use this model.");
    if (http_status >= 400 && http_status < 500)
        return refusal(GENLAYER_INVALID_REQUEST, "The gateway refused the " + call + " as invalid (" + status + ")" +
                                                     said + "; fix the request rather than retrying it unchanged.");
    if (http_status >= 300 && http_status < 400)
        return refusal(GENLAYER_BAD_RESPONSE, "The gateway answered the " + call + " with a redirect (" + status +
                                                  "), which is not followed; check the base URL.");
    if (http_status == 502 || http_status == 503 || http_status == 504)
        return refusal(GENLAYER_NETWORK, "The gateway was unavailable (" + status + ") for the " + call +
                                             " through every retry" + said + "; try again later.");
    if (http_status >= 500)
        return refusal(GENLAYER_BAD_RESPONSE, "The gateway failed with a server error (" + status + ") on the " + call +
                                                  said + "; try again later.");
    return refusal(GENLAYER_BAD_RESPONSE,
                   "The gateway answered the " + call + " with the unexpected status " + status + said + ".");
}

Error error_from_failed_task(const TaskInfo& task) {
    if (is_content_policy_code(task.error_code)) return content_policy_error(task.error_message);
    const std::string code = sanitize_server_text(task.error_code);
    const std::string message = sanitize_server_text(task.error_message);
    std::string detail = code;
    if (!message.empty()) detail += (detail.empty() ? "" : ": ") + ("\"" + message + "\"");
    return Error(GENLAYER_TASK_FAILED, "The task failed on the server" + (detail.empty() ? "" : " (" + detail + ")") +
                                           "; generate again, perhaps with a changed prompt.");
}

Error error_from_transport(const TransportError& error, std::string_view what) {
    const std::string call(what);
    const std::string detail = sanitize_server_text(error.detail);
    const std::string because = detail.empty() ? "" : " (" + detail + ")";
    switch (error.failure) {
        case TransportFailure::cancelled: return cancelled_error(what);
        case TransportFailure::connect_failed:
            return Error(GENLAYER_NETWORK, "Could not connect to the server for the " + call + because +
                                               "; check the network and the base URL.");
        case TransportFailure::timed_out:
            return Error(GENLAYER_TIMEOUT, "The " + call + " timed out" + because + "; try again or raise --timeout.");
        case TransportFailure::too_large:
            return Error(GENLAYER_BAD_RESPONSE,
                         "The server's answer to the " + call + " was larger than allowed and was not accepted.");
        case TransportFailure::tls:
            return Error(GENLAYER_NETWORK, "The server's TLS certificate could not be verified for the " + call +
                                               because + "; check the base URL and the system's certificates.");
        case TransportFailure::dropped:
        case TransportFailure::none: break;
    }
    return Error(GENLAYER_NETWORK, "The connection dropped during the " + call + because + "; try again.");
}

Error cancelled_error(std::string_view what) {
    return Error(GENLAYER_CANCELLED, "The " + std::string(what) + " was cancelled.");
}

Error deadline_error(std::string_view what) {
    return Error(GENLAYER_TIMEOUT,
                 "The " + std::string(what) +
                     " did not finish within the overall deadline; raise --timeout or try again later.");
}

Error malformed_answer_error(std::string_view what, std::string_view reason) {
    return Error(GENLAYER_BAD_RESPONSE, "The gateway's answer to the " + std::string(what) + " is unreadable (" +
                                            std::string(reason) + "); try again, and report it if it persists.");
}

Error outcome_unknown_error(std::string_view what_happened) {
    return Error(GENLAYER_OUTCOME_UNKNOWN,
                 "The submit " + std::string(what_happened) +
                     " after it was sent, so the task may exist (and be billed); it will not be submitted twice, "
                     "so check for its result before generating again.");
}

Error expired_result_error() {
    return Error(GENLAYER_EXPIRED,
                 "The result image is no longer available (its URL expired); the task must be generated again.");
}

Error missing_key_error() {
    return Error(GENLAYER_AUTH,
                 "No API key is set; set TOAPIS_API_KEY or put the key in the dialog or the config file.");
}

}  // namespace genlayer
