// genlayer status TASK_ID: one look at a task, no waiting.
#include "commands.hpp"

#include "common_options.hpp"
#include "exit_codes.hpp"
#include "gateway/gateway_config.hpp"
#include "gateway/gateway_errors.hpp"
#include "net/url.hpp"

#include <nlohmann/json.hpp>

#include <iostream>

namespace genlayer::cli {
namespace {

const char* status_text(TaskStatus status) {
    switch (status) {
        case TaskStatus::queued: return "queued";
        case TaskStatus::in_progress: return "in_progress";
        case TaskStatus::completed: return "completed";
        case TaskStatus::failed: return "failed";
    }
    return "unknown";
}

}  // namespace

int run_status(int argc, char** argv) {
    const Arguments args(argc, argv, 2, with_common_flags({}), with_common_switches({}));
    const auto common = read_common_options(args);
    if (args.positional().size() != 1)
        throw Error(GENLAYER_INVALID_REQUEST, "Give one task id: genlayer status TASK_ID.");
    const auto& task_id = args.positional()[0];
    require_task_id(task_id, true);

    const auto settings = load_settings(common.overrides);
    require_api_key(settings);
    GatewayClient gateway(gateway_config(settings, deadline_after(settings.timeout_s)),
                          std::make_shared<CancelToken>());
    const auto task = gateway.status(task_id);

    nlohmann::json out = {{"id", task.id}, {"status", status_text(task.status)}, {"progress", task.progress}};
    std::vector<std::string> urls;
    for (const auto& item : task.results)
        if (!item.url.empty()) urls.push_back(item.url);
    if (!urls.empty()) out["urls"] = urls;
    if (task.expires_at) out["expires_at"] = task.expires_at;
    if (task.status == TaskStatus::failed) out["error"] = error_from_failed_task(task).what();

    if (common.json) {
        std::cout << out.dump() << std::endl;
    } else {
        std::cout << task.id << " " << status_text(task.status) << " " << task.progress << "%\n";
        for (const auto& url : urls) std::cout << url << "\n";
        if (out.contains("error")) std::cout << out["error"].get<std::string>() << "\n";
    }
    return task.status == TaskStatus::failed ? kExitTaskFailed : kExitOk;
}

}  // namespace genlayer::cli
