#include "api_routes.hpp"

#include "gateway_responses.hpp"
#include "image_type.hpp"
#include "request_logging.hpp"
#include "submission.hpp"

#include <OpenImageIO/strutil.h>
#include <nlohmann/json.hpp>

#include <functional>

namespace genlayer::emulator {
namespace {

constexpr size_t kMaxUploadBytes = 10 * 1024 * 1024;
// Larger than the upload limit, so that a too-large upload gets the gateway's
// own answer instead of httplib's bare 413.
constexpr size_t kMaxRequestBytes = 4 * kMaxUploadBytes;

const ApiRefusal kServerError{500, "internal_error", "The server had an error processing the request; try again."};

std::string bearer_key(const httplib::Request& request) {
    const std::string header = request.get_header_value("Authorization");
    constexpr std::string_view scheme = "Bearer ";
    return header.starts_with(scheme) ? header.substr(scheme.size()) : std::string();
}

httplib::Server::HandlerResponse check_key_and_rate(Gateway& gateway, const httplib::Request& request,
                                                    httplib::Response& response) {
    const std::string key = bearer_key(request);
    if (key.empty() || (!gateway.options.api_key.empty() && key != gateway.options.api_key)) {
        send_api_error(response,
                       {401, "authentication_error",
                        key.empty() ? "Missing API key; send Authorization: Bearer <key>." : "Invalid API key."});
        return httplib::Server::HandlerResponse::Handled;
    }
    if (gateway.faults.take(Fault::rate_limit)) {
        response.set_header("Retry-After", "1");
        send_api_error(response, {429, "rate_limit_exceeded", "Rate limit reached; retry after 1 second."});
        return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
}

void handle_upload(Gateway& gateway, const httplib::Request& request, httplib::Response& response) {
    if (!request.is_multipart_form_data() || !request.has_file("file"))
        return send_upload_error(response, "No image received; send it as the multipart field \"file\".");
    const httplib::MultipartFormData& file = request.get_file_value("file");
    if (file.content.size() > kMaxUploadBytes)
        return send_upload_error(response, "Image too large. Maximum size is 10MB");
    const auto type = sniff_image_type(file.content);
    if (!type) return send_upload_error(response, "Unsupported image type. Allowed types: JPEG, PNG, WebP, GIF");
    const auto upload = gateway.uploads.add(file.content, *type);
    send_json(response, {{"success", true},
                         {"message", ""},
                         {"data",
                          {{"id", upload->id},
                           {"url", gateway.files_origin + "/uploads/" + upload->file_name},
                           {"mime_type", upload->mime_type},
                           {"size", upload->bytes.size()}}}});
}

// A reference URL of our own uploads that has expired, or that
// expire_uploads makes expire now, is refused as the gateway refuses one.
void refuse_expired_upload(Gateway& gateway, const std::string& url) {
    const std::string prefix = gateway.files_origin + "/uploads/";
    if (!url.starts_with(prefix)) return;
    const std::string file_name = url.substr(prefix.size());
    if (gateway.uploads.find(file_name) && !gateway.faults.take(Fault::expire_uploads)) return;
    gateway.uploads.forget(file_name);
    throw ApiRefusal{400, "invalid_reference_images", "The reference image URL has expired: " + url};
}

// Our own upload behind a reference URL, or nullptr for any other URL.
std::shared_ptr<const StoredUpload> own_upload(const Gateway& gateway, const std::string& url) {
    const std::string prefix = gateway.files_origin + "/uploads/";
    return url.starts_with(prefix) ? gateway.uploads.find(url.substr(prefix.size())) : nullptr;
}

TaskRequest task_request_of(Gateway& gateway, const httplib::Request& request, Submission submission) {
    TaskRequest task{bearer_key(request),
                     std::move(submission.model),
                     std::move(submission.prompt),
                     gateway.options.result_size.value_or(submission.size),
                     submission.n,
                     std::move(submission.response_format),
                     nullptr,
                     ""};
    if (task.prompt.find("[fail]") != std::string::npos) {
        task.planned_failure = "call upstream API failed: emulated failure";
    } else if (!submission.references.empty()) {
        task.reference = own_upload(gateway, submission.references.front());
        if (!task.reference) task.planned_failure = "could not fetch reference image";
    }
    return task;
}

nlohmann::json task_header(const Gateway& gateway, const EmulatedTask& task) {
    return {{"id", task.id()},
            {"object", "generation.task"},
            {"model", task.request().model},
            {"created_at", gateway.clock.unix_seconds_at(task.created_ms())},
            {"metadata", nlohmann::json::object()}};
}

void handle_submit(Gateway& gateway, const httplib::Request& request, httplib::Response& response) {
    if (gateway.faults.take(Fault::hold_submits)) gateway.held_submits.hold();
    if (gateway.faults.take(Fault::fail_submits))
        throw ApiRefusal{503, "internal_error", "The service is temporarily unavailable; try again later."};
    Submission submission = read_submission(request.body, gateway.options.size_dialect);
    for (const std::string& url : submission.references) refuse_expired_upload(gateway, url);
    if (submission.prompt.find("[refuse]") != std::string::npos)
        throw ApiRefusal{422, "content_policy_violation",
                         "Your request was rejected as a result of the safety system (emulated)."};

    const Admission admission = gateway.tasks.admit(task_request_of(gateway, request, std::move(submission)),
                                                    gateway.clock.now_ms(), gateway.options.max_active, gateway.faults);
    if (!admission.task) {
        response.set_header("Retry-After", std::to_string(admission.retry_after_s));
        throw ApiRefusal{429, "rate_limit_exceeded", "Too many unfinished tasks for this key; wait for one to finish."};
    }
    if (gateway.faults.take(Fault::fail_submits_after_create)) throw kServerError;
    nlohmann::json task = task_header(gateway, *admission.task);
    task["status"] = admission.task->queued_status();
    task["progress"] = 0;
    send_json(response, task);
}

nlohmann::json result_items(const Gateway& gateway, const EmulatedTask& task, const TaskResults& results) {
    nlohmann::json items = nlohmann::json::array();
    for (size_t index = 0; index < results.pngs.size(); ++index) {
        if (task.request().response_format == "b64_json") {
            const std::vector<uint8_t>& png = results.pngs[index];
            items.push_back(
                {{"b64_json", OIIO::Strutil::base64_encode({reinterpret_cast<const char*>(png.data()), png.size()})}});
        } else {
            items.push_back(
                {{"url", gateway.files_origin + "/generated/" + task.id() + "-" + std::to_string(index) + ".png"}});
        }
    }
    return items;
}

nlohmann::json task_document(Gateway& gateway, EmulatedTask& task, long long now_ms) {
    nlohmann::json document = task_header(gateway, task);
    const TaskPhase phase = task.phase_at(now_ms);
    if (phase != TaskPhase::finished) {
        document["status"] = phase == TaskPhase::queued ? std::string(task.queued_status()) : "in_progress";
        document["progress"] = task.progress_at(now_ms);
        return document;
    }
    const TaskResults& results = task.results();
    if (!results.failure.empty()) {
        document["status"] = "failed";
        document["progress"] = 0;
        document["error"] = {{"code", "generation_failed"}, {"message", results.failure}};
        return document;
    }
    const long long completed_at = gateway.clock.unix_seconds_at(*task.completes_at_ms());
    document["status"] = "completed";
    document["progress"] = 100;
    document["completed_at"] = completed_at;
    document["expires_at"] = gateway.faults.expire_results() ? gateway.clock.unix_seconds_at(now_ms) - 1
                                                             : completed_at + gateway.options.result_ttl_s;
    document["result"] = {{"type", "image"}, {"data", result_items(gateway, task, results)}};
    if (task.request().response_format == "url") document["url"] = document["result"]["data"][0]["url"];
    return document;
}

void handle_status(Gateway& gateway, const httplib::Request& request, httplib::Response& response) {
    if (gateway.faults.take(Fault::hold_status)) gateway.held_status.hold();
    const auto task = gateway.tasks.find(request.matches[1]);
    if (!task) throw ApiRefusal{404, "not_found_error", "Task not found."};
    task->count_poll();
    if (gateway.faults.take(Fault::fail_status)) throw kServerError;
    const std::string body = task_document(gateway, *task, gateway.clock.now_ms()).dump();
    if (gateway.faults.take(Fault::truncate_json))
        response.set_content(body.substr(0, body.size() / 2), "application/json");
    else if (gateway.faults.take(Fault::malformed_json))
        response.set_content("<html><body>502 Bad Gateway</body></html>", "application/json");
    else
        response.set_content(body, "application/json");
}

using ApiHandler = void (*)(Gateway&, const httplib::Request&, httplib::Response&);

// Answers an ApiRefusal thrown by `handler` in shape A.
httplib::Server::Handler answering_refusals(Gateway& gateway, ApiHandler handler) {
    return [&gateway, handler](const httplib::Request& request, httplib::Response& response) {
        try {
            handler(gateway, request, response);
        } catch (const ApiRefusal& refusal) {
            send_api_error(response, refusal);
        }
    };
}

}  // namespace

void install_api_routes(httplib::Server& server, Gateway& gateway) {
    server.set_payload_max_length(kMaxRequestBytes);
    install_request_logging(server, gateway, "api", [&gateway](const auto& request, auto& response) {
        return check_key_and_rate(gateway, request, response);
    });
    server.Post("/v1/uploads/images", answering_refusals(gateway, handle_upload));
    server.Post("/v1/images/generations", answering_refusals(gateway, handle_submit));
    server.Get(R"(/v1/images/generations/([^/]+))", answering_refusals(gateway, handle_status));
    server.set_error_handler([](const httplib::Request& request, httplib::Response& response) {
        if (response.status == 404 && response.body.empty() && !is_control_path(request.path))
            send_api_error(response, {404, "not_found_error", "No such endpoint: " + request.path});
    });
}

}  // namespace genlayer::emulator
