#include "gateway/task_json.hpp"

#include "gateway/gateway_errors.hpp"
#include "gateway/json_fields.hpp"
#include "net/url.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace genlayer {
namespace {

using nlohmann::json;

[[noreturn]] void malformed(std::string_view reason) { throw malformed_answer_error("task query", reason); }

TaskStatus read_status(const std::string& status) {
    if (status == "queued" || status == "submitted") return TaskStatus::queued;
    if (status == "in_progress" || status == "processing" || status == "running") return TaskStatus::in_progress;
    if (status == "completed" || status == "succeeded") return TaskStatus::completed;
    if (status == "failed") return TaskStatus::failed;
    const std::string shown = sanitize_server_text(status);
    malformed(shown.empty() ? "the task has no status" : "the task status '" + shown + "' is unknown");
}

// result.data[] first; a top-level url only when it holds nothing.
std::vector<TaskResultItem> read_results(const json& task) {
    std::vector<TaskResultItem> results;
    const auto result = task.find("result");
    if (result != task.end() && result->is_object()) {
        const auto data = result->find("data");
        if (data != result->end() && data->is_array()) {
            for (const auto& item : *data) {
                if (!item.is_object()) continue;
                TaskResultItem entry{json_string_field(item, "url"), json_string_field(item, "b64_json")};
                if (!entry.url.empty()) entry.b64_json.clear();
                if (!entry.url.empty() || !entry.b64_json.empty()) results.push_back(std::move(entry));
            }
        }
    }
    if (results.empty()) {
        std::string url = json_string_field(task, "url");
        if (!url.empty()) results.push_back({std::move(url), {}});
    }
    return results;
}

}  // namespace

TaskInfo parse_task(std::string_view text) {
    const json task = json::parse(text, nullptr, false);
    if (!task.is_object()) malformed("it is not a JSON object");
    TaskInfo info;
    info.id = json_string_field(task, "id");
    if (info.id.empty()) malformed("it has no task id");
    require_task_id(info.id, false);
    info.status = read_status(json_string_field(task, "status"));
    info.progress = int(std::clamp(json_number_field(task, "progress"), 0LL, 100LL));
    info.created_at = json_number_field(task, "created_at");
    info.completed_at = json_number_field(task, "completed_at");
    info.expires_at = json_number_field(task, "expires_at");
    info.results = read_results(task);
    if (info.status == TaskStatus::completed && info.results.empty())
        malformed("the task completed but names no image");

    const auto error = task.find("error");
    if (error != task.end() && error->is_object()) {
        info.error_message = json_string_field(*error, "message");
        if (const auto code = error->find("code"); code != error->end()) info.error_code = json_code_text(*code);
    } else if (error != task.end() && error->is_string()) {
        info.error_message = error->get<std::string>();
    }
    return info;
}

}  // namespace genlayer
