// A generation task as the gateway reports it (submit and status answers).
#pragma once

#include <string>
#include <vector>

namespace genlayer {

enum class TaskStatus { queued, in_progress, completed, failed };

struct TaskResultItem {
    std::string url;       // empty when b64
    std::string b64_json;  // empty when url
};

struct TaskInfo {
    std::string id;
    TaskStatus status = TaskStatus::queued;
    int progress = 0;
    long long created_at = 0;
    long long completed_at = 0;
    long long expires_at = 0;             // unix seconds, 0 if unknown
    std::vector<TaskResultItem> results;  // result.data[] first, then top-level url
    std::string error_code;
    std::string error_message;
};

}  // namespace genlayer
