// Where the client's settings come from: flags, then the environment
// (TOAPIS_API_KEY, TOAPIS_BASE_URL, TOAPIS_SIZE_DIALECT,
// GENLAYER_HISTORY_MAX_MB), then the config file, then defaults.
#pragma once

#include "gateway/limits.hpp"
#include "gateway/size_table.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace genlayer {

struct Settings {
    std::string api_key;  // may be empty: checked when a request needs it
    std::string base_url = "https://toapis.com";
    double timeout_s = kDefaultTimeoutS;
    // Per request: how long a connection may take to open, and how long a
    // transfer may go without a byte before it is abandoned and retried.
    double connect_timeout_s = kDefaultConnectTimeoutS;
    double stall_timeout_s = kDefaultStallTimeoutS;
    // The size dialect the gateway speaks; nullopt: auto, which sends the one
    // remembered for this base URL (pixels the first time) and switches once
    // after a refusal that is about the size.
    std::optional<SizeDialect> size_dialect;
    std::filesystem::path journal_dir;
    std::filesystem::path config_file;
    // The generation history: where, how large before eviction, and whether
    // a job records its results there at all.
    std::filesystem::path history_dir;
    uint64_t history_max_bytes = uint64_t(kDefaultHistoryMaxMb) * 1024 * 1024;
    bool record_history = true;

    // Beside the journal: which dialect each base URL was last seen to speak.
    std::filesystem::path size_dialect_memory() const { return journal_dir.parent_path() / "size-dialects.json"; }
};

struct SettingsOverrides {
    std::optional<std::string> api_key;
    std::optional<std::string> base_url;
    std::optional<double> timeout_s;
    std::optional<double> connect_timeout_s;
    std::optional<double> stall_timeout_s;
    std::optional<std::filesystem::path> journal_dir;
    std::optional<std::string> size_dialect;  // "pixels", "ratio" or "auto"
    std::optional<std::filesystem::path> history_dir;
    std::optional<double> history_max_mb;
    bool no_history = false;
};

// $XDG_CONFIG_HOME/genlayer/config.json, default ~/.config/genlayer/config.json.
std::filesystem::path default_config_file();
// $XDG_STATE_HOME/genlayer/journal, default ~/.local/state/genlayer/journal.
std::filesystem::path default_journal_dir();
// $XDG_DATA_HOME/genlayer/history, default ~/.local/share/genlayer/history.
std::filesystem::path default_history_dir();

// Throws Error(AUTH) when the config file holds a key and is readable by group
// or others ("… run chmod 600 <file>"), Error(INVALID_REQUEST) on an
// unreadable config, a bad base URL or a size dialect other than pixels,
// ratio or auto, or a history_max_mb that is not a positive number.
Settings load_settings(const SettingsOverrides& overrides);

// Writes the key into the config file (keeping its other fields), creating it
// with mode 0600 atomically.
void store_api_key(const std::filesystem::path& config_file, const std::string& key);

}  // namespace genlayer
