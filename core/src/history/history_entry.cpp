#include "history/history_entry.hpp"

#include <algorithm>

namespace genlayer {

bool is_history_id(const std::string& text) {
    return text.size() == kHistoryIdDigits && std::all_of(text.begin(), text.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

nlohmann::json to_json(const HistoryEntry& entry) {
    const auto& record = entry.record;
    return {{"id", entry.id},
            {"sha256", entry.sha256},
            {"prompt", record.prompt},
            {"model", record.model},
            {"size", record.size},
            {"resolution", record.resolution},
            {"size_dialect", record.size_dialect},
            {"task_id", record.task_id},
            {"index", record.index},
            {"created_at", record.created_at},
            {"created_ms", record.created_ms},
            {"cost_usd", record.cost_usd},
            {"target", record.target},
            {"width", entry.width},
            {"height", entry.height},
            {"image_file", entry.image_file},
            {"disk_bytes", entry.disk_bytes},
            {"kept", entry.kept}};
}

std::optional<HistoryEntry> history_entry_from_json(const nlohmann::json& json) {
    try {
        HistoryEntry entry;
        entry.id = json.at("id").get<std::string>();
        entry.sha256 = json.at("sha256").get<std::string>();
        auto& record = entry.record;
        record.prompt = json.at("prompt").get<std::string>();
        record.model = json.at("model").get<std::string>();
        record.size = json.at("size").get<std::string>();
        record.resolution = json.at("resolution").get<std::string>();
        record.size_dialect = json.at("size_dialect").get<std::string>();
        record.task_id = json.at("task_id").get<std::string>();
        record.index = json.at("index").get<int>();
        record.created_at = json.at("created_at").get<long long>();
        // Entries saved before milliseconds were kept order by their second.
        record.created_ms = json.value("created_ms", record.created_at * 1000);
        record.cost_usd = json.at("cost_usd").get<double>();
        record.target = json.at("target");
        entry.width = json.at("width").get<uint32_t>();
        entry.height = json.at("height").get<uint32_t>();
        entry.image_file = json.at("image_file").get<std::string>();
        entry.disk_bytes = json.at("disk_bytes").get<uint64_t>();
        entry.kept = json.at("kept").get<bool>();
        // The file name is joined to a folder: it must stay inside it.
        if (!is_history_id(entry.id) || entry.image_file.empty() || entry.image_file.find('/') != std::string::npos ||
            entry.image_file[0] == '.')
            return std::nullopt;
        return entry;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

}  // namespace genlayer
