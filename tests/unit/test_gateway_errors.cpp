#include "gateway/gateway_errors.hpp"

#include <catch2/catch.hpp>

using namespace genlayer;

namespace {

std::string shape_a(const std::string& type, const std::string& code, const std::string& message) {
    return R"({"error":{"message":")" + message + R"(","type":")" + type + R"(","code":)" + code + "}}";
}

}  // namespace

TEST_CASE("every row of the spec's error table maps to its status", "[gateway-errors]") {
    struct Row {
        long http;
        const char* type;
        Status expected;
    };
    const Row rows[] = {
        {400, "invalid_request_error", GENLAYER_INVALID_REQUEST},
        {400, "invalid_reference_images", GENLAYER_INVALID_REQUEST},
        {401, "authentication_error", GENLAYER_AUTH},
        {402, "insufficient_quota", GENLAYER_QUOTA},
        {404, "not_found_error", GENLAYER_NOT_FOUND},
        {404, "task_not_found", GENLAYER_NOT_FOUND},
        {422, "content_policy_violation", GENLAYER_CONTENT_POLICY},
        {429, "rate_limit_exceeded", GENLAYER_RATE_LIMITED},
        {500, "internal_error", GENLAYER_BAD_RESPONSE},
        // The API reference's spellings.
        {400, "invalid_request", GENLAYER_INVALID_REQUEST},
        {401, "unauthorized", GENLAYER_AUTH},
        {402, "insufficient_quota", GENLAYER_QUOTA},
        {403, "insufficient_quota", GENLAYER_QUOTA},
        {429, "insufficient_quota", GENLAYER_QUOTA},
        {404, "task_not_found", GENLAYER_NOT_FOUND},
        {400, "content_policy_violation", GENLAYER_CONTENT_POLICY},
        {429, "rate_limit_exceeded", GENLAYER_RATE_LIMITED},
        {503, "internal_error", GENLAYER_BAD_RESPONSE},
    };
    for (const Row& row : rows) {
        INFO(row.http << " " << row.type);
        // code as a number and as a string
        CHECK(error_from_response(row.http, shape_a(row.type, std::to_string(row.http), "x"), "submit").status() ==
              row.expected);
        CHECK(error_from_response(row.http, shape_a(row.type, std::string("\"").append(row.type).append("\""), "x"),
                                  "submit")
                  .status() == row.expected);
    }
}

TEST_CASE("the type decides even when the HTTP status is generic", "[gateway-errors]") {
    CHECK(error_from_response(400, shape_a("content_policy_violation", "400", "no"), "submit").status() ==
          GENLAYER_CONTENT_POLICY);
    CHECK(error_from_response(403, shape_a("insufficient_quota", "403", "no"), "submit").status() == GENLAYER_QUOTA);
    // A string code that names the kind counts as much as the type.
    CHECK(
        error_from_response(400, R"({"error":{"message":"m","code":"invalid_reference_images"}})", "submit").status() ==
        GENLAYER_INVALID_REQUEST);
}

TEST_CASE("each documented code, in either spelling, has its own sentence and keeps its code", "[gateway-errors]") {
    struct Row {
        long http;
        const char* code;
        const char* says;
    };
    const Row rows[] = {
        {400, "invalid_request_error", "as invalid (400)"},
        {400, "invalid_request", "as invalid (400)"},
        {400, "invalid_reference_images", "upload the image first"},
        {401, "authentication_error", "refused the API key (401)"},
        {401, "unauthorized", "refused the API key (401)"},
        {429, "insufficient_quota", "no balance left (429 insufficient_quota)"},
        {404, "not_found_error", "does not know this task (404)"},
        {404, "task_not_found", "does not know this task (404)"},
        {422, "content_policy_violation", "content policy"},
        {429, "rate_limit_exceeded", "kept rate-limiting the submit (429)"},
        {500, "internal_error", "internal error (500)"},
    };
    for (const Row& row : rows) {
        INFO(row.http << " " << row.code);
        // As a string code (the API reference) and as the type (the model page).
        const Error as_code = error_from_response(
            row.http, R"({"error":{"message":"m","code":")" + std::string(row.code) + R"("}})", "submit");
        const Error as_type = error_from_response(row.http, shape_a(row.code, std::to_string(row.http), "m"), "submit");
        CHECK_THAT(as_code.what(), Catch::Contains(row.says));
        CHECK_THAT(as_type.what(), Catch::Contains(row.says));
        CHECK(as_code.code() == row.code);
        CHECK(as_type.code() == row.code);
    }
}

TEST_CASE("an unknown code keeps the server's own text", "[gateway-errors]") {
    const Error error = error_from_response(
        400, R"({"error":{"message":"size 3:2 is not offered at 4K","code":"invalid_size"}})", "submit");
    CHECK(error.status() == GENLAYER_INVALID_REQUEST);
    CHECK(error.code() == "invalid_size");
    CHECK_THAT(error.what(), Catch::Contains("size 3:2 is not offered at 4K"));
}

TEST_CASE("error sentences say what to do", "[gateway-errors]") {
    const Error auth =
        error_from_response(401, shape_a("authentication_error", "401", "Invalid token"), "status check");
    CHECK(std::string(auth.what()) ==
          "The gateway refused the API key (401). Set TOAPIS_API_KEY or the key in the dialog.");

    const Error references =
        error_from_response(400, shape_a("invalid_reference_images", "400", "base64 not allowed"), "submit");
    CHECK_THAT(references.what(), Catch::Contains("upload the image first"));
    CHECK_THAT(references.what(), Catch::Contains("base64 not allowed"));

    const Error quota = error_from_response(402, shape_a("insufficient_quota", "402", ""), "submit");
    CHECK_THAT(quota.what(), Catch::Contains("top up"));
}

TEST_CASE("shape B and non-JSON bodies are read", "[gateway-errors]") {
    const Error too_large =
        error_from_response(400, R"({"success": false, "message": "Image too large. Maximum size is 10MB"})", "upload");
    CHECK(too_large.status() == GENLAYER_INVALID_REQUEST);
    CHECK_THAT(too_large.what(), Catch::Contains("Image too large"));

    const Error html = error_from_response(502, "<html><body>Bad Gateway</body></html>", "status check");
    CHECK(html.status() == GENLAYER_NETWORK);
    CHECK_THAT(html.what(), !Catch::Contains("<html>"));

    CHECK(error_from_response(503, "", "download").status() == GENLAYER_NETWORK);
    CHECK(error_from_response(404, "not here", "upload").status() == GENLAYER_NOT_FOUND);
    CHECK(error_from_response(413, "", "upload").status() == GENLAYER_INVALID_REQUEST);
    CHECK(error_from_response(302, "", "submit").status() == GENLAYER_BAD_RESPONSE);
}

TEST_CASE("quoted server text is trimmed, one line and short", "[gateway-errors]") {
    const std::string noisy = "  first line\n\tsecond \x01 line  ";
    CHECK(sanitize_server_text(noisy) == "first line second line");
    CHECK(sanitize_server_text(R"({"error":"raw json"})").empty());
    CHECK(sanitize_server_text("say \"hi\".") == "say 'hi'");

    const std::string long_text(500, 'a');
    const std::string cut = sanitize_server_text(long_text);
    CHECK(cut.size() <= 200 + std::string("…").size());
    CHECK(cut.ends_with("…"));
    // A cut never splits a multi-byte character.
    const std::string accents = std::string(199, 'a') + "é" + std::string(50, 'b');
    CHECK(sanitize_server_text(accents) == std::string(199, 'a') + "…");

    const Error error = error_from_response(400, shape_a("invalid_request_error", "400", long_text), "submit");
    CHECK(std::string(error.what()).size() < 400);
}

TEST_CASE("a failed task is TASK_FAILED unless its code says content policy", "[gateway-errors]") {
    TaskInfo task;
    task.status = TaskStatus::failed;
    task.error_code = "generation_failed";
    task.error_message = "call upstream API failed: boom";
    const Error failed = error_from_failed_task(task);
    CHECK(failed.status() == GENLAYER_TASK_FAILED);
    CHECK_THAT(failed.what(), Catch::Contains("generation_failed") && Catch::Contains("upstream API failed"));

    task.error_code = "content_policy_violation";
    CHECK(error_from_failed_task(task).status() == GENLAYER_CONTENT_POLICY);

    CHECK(error_from_failed_task(TaskInfo{}).status() == GENLAYER_TASK_FAILED);
}

TEST_CASE("transport failures map to network, timeout and the rest", "[gateway-errors]") {
    const auto mapped = [](TransportFailure failure) {
        return error_from_transport({failure, false, "curl said something"}, "status check").status();
    };
    CHECK(mapped(TransportFailure::connect_failed) == GENLAYER_NETWORK);
    CHECK(mapped(TransportFailure::dropped) == GENLAYER_NETWORK);
    CHECK(mapped(TransportFailure::tls) == GENLAYER_NETWORK);
    CHECK(mapped(TransportFailure::timed_out) == GENLAYER_TIMEOUT);
    CHECK(mapped(TransportFailure::too_large) == GENLAYER_BAD_RESPONSE);
    CHECK(mapped(TransportFailure::cancelled) == GENLAYER_CANCELLED);
}
