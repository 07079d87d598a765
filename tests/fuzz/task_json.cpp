// The submit and status answers: parse_task on any body, and the sentence of
// a task that ended "failed".
#include "gateway/task_json.hpp"
#include "fuzz_support.hpp"
#include "gateway/gateway_errors.hpp"
#include "net/url.hpp"

using namespace genlayer;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    TaskInfo task;
    try {
        task = parse_task(fuzz::text_of(data, size));
    } catch (const Error& error) {
        fuzz::require_refusal(error, GENLAYER_BAD_RESPONSE);
        return 0;
    }
    try {
        require_task_id(task.id, false);
    } catch (const Error&) {
        fuzz::require(false, "a task that parses has an id fit for a path");
    }
    fuzz::require(task.progress >= 0 && task.progress <= 100, "progress is within 0..100");
    fuzz::require(task.status != TaskStatus::completed || !task.results.empty(), "a completed task names an image");
    for (const TaskResultItem& item : task.results)
        fuzz::require(item.url.empty() != item.b64_json.empty(), "each result is a URL or base64, never both or none");
    if (task.status == TaskStatus::failed) {
        const Error failed = error_from_failed_task(task);
        fuzz::require_refusal(
            failed, failed.status() == GENLAYER_CONTENT_POLICY ? GENLAYER_CONTENT_POLICY : GENLAYER_TASK_FAILED);
    }
    return 0;
}
