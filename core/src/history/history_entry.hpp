// One image of the generation history: what was asked for, what came back,
// and where its files are. It never holds the API key.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace genlayer {

// What the job knows about an image when it saves it.
struct HistoryRecord {
    std::string prompt;
    std::string model;
    std::string size;
    std::string resolution;
    std::string size_dialect;  // "pixels" or "ratio", as sent; "" when unknown
    std::string task_id;
    int index = 0;             // among the task's variations, from 0
    long long created_at = 0;  // unix seconds
    long long created_ms = 0;  // the same time in unix milliseconds: orders saves within one second
    double cost_usd = 0;
    nlohmann::json target = nlohmann::json::object();  // the host's description of where it went
};

struct HistoryEntry {
    std::string id;      // the first 16 hex digits of sha256
    std::string sha256;  // of the image bytes as received
    HistoryRecord record;
    uint32_t width = 0;
    uint32_t height = 0;
    std::string image_file;   // inside the entry's folder: "image.png", "image.jpg", …
    uint64_t disk_bytes = 0;  // the image and its thumbnail, what eviction counts
    bool kept = false;        // never evicted
};

// An entry's id: the first 16 lowercase hex digits of its sha256; also the
// name of its folder.
constexpr size_t kHistoryIdDigits = 16;
bool is_history_id(const std::string& text);

nlohmann::json to_json(const HistoryEntry& entry);
// nullopt when `json` is not an entry (a damaged file or index line).
std::optional<HistoryEntry> history_entry_from_json(const nlohmann::json& json);

}  // namespace genlayer
