// The sentences of the gateway client: every failure of a gateway call ends
// as one Error here.
#pragma once

#include "base/status.hpp"
#include "gateway/task_info.hpp"
#include "net/http_client.hpp"

#include <string>
#include <string_view>

namespace genlayer {

// Server text made safe to quote in a sentence: one line, no control
// characters, no JSON, at most about 200 characters.
std::string sanitize_server_text(std::string_view text);

// `what` names the call in the sentence: "upload", "submit", "status check", "download".
Error error_from_transport(const TransportError& error, std::string_view what);
Error cancelled_error(std::string_view what);
Error deadline_error(std::string_view what);
Error malformed_answer_error(std::string_view what, std::string_view reason);
// A submit that may have reached the server: `what_happened` completes
// "The submit …", e.g. "was answered with HTTP 503".
Error outcome_unknown_error(std::string_view what_happened);
Error expired_result_error();
Error missing_key_error();

// Maps an HTTP error answer (either error shape, numeric or string code) to
// an Error with one sentence. `what` names the call ("upload", "submit", …).
Error error_from_response(long http_status, std::string_view body, std::string_view what);

// The sentence for a task that ended "failed" on the server.
Error error_from_failed_task(const TaskInfo& task);

}  // namespace genlayer
