// Choosing what a listing shows: the newest entries whose prompt holds a
// text, the same for the CLI and for a host's history dialog.
#pragma once

#include "history/history_entry.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace genlayer {

// `entries` newest first, as HistoryStore::list() gives them; keeps the
// first `limit` (0: all) whose prompt contains `search`, ignoring ASCII case.
std::vector<HistoryEntry> search_history(std::vector<HistoryEntry> entries, const std::string& search, size_t limit);

}  // namespace genlayer
