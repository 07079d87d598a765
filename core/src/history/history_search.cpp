#include "history/history_search.hpp"

#include <algorithm>
#include <cctype>

namespace genlayer {
namespace {

std::string lowercase(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return text;
}

}  // namespace

std::vector<HistoryEntry> search_history(std::vector<HistoryEntry> entries, const std::string& search, size_t limit) {
    const auto wanted = lowercase(search);
    std::vector<HistoryEntry> shown;
    for (auto& entry : entries) {
        if (limit > 0 && shown.size() == limit) break;
        if (wanted.empty() || lowercase(entry.record.prompt).find(wanted) != std::string::npos)
            shown.push_back(std::move(entry));
    }
    return shown;
}

}  // namespace genlayer
