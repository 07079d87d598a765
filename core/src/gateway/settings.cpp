#include "gateway/settings.hpp"

#include "base/atomic_file.hpp"
#include "base/local_file_error.hpp"
#include "base/status.hpp"
#include "net/url.hpp"

#include <nlohmann/json.hpp>

#include <sys/stat.h>
#include <cstdlib>
#include <fstream>

namespace genlayer {
namespace fs = std::filesystem;

namespace {

std::string env(const char* name) {
    const char* value = std::getenv(name);
    return value ? value : "";
}

fs::path xdg_dir(const char* variable, const char* fallback_under_home) {
    if (auto dir = env(variable); !dir.empty()) return dir;
    return fs::path(env("HOME")) / fallback_under_home;
}

nlohmann::json read_config(const fs::path& file) {
    std::ifstream in(file);
    if (!in) return nlohmann::json::object();
    try {
        auto config = nlohmann::json::parse(in);
        if (!config.is_object()) throw std::runtime_error("not an object");
        return config;
    } catch (const std::exception&) {
        throw Error(GENLAYER_INVALID_REQUEST,
                    "The config file " + file.string() + " is not a JSON object; fix or remove it.");
    }
}

// A key must not sit in a file others can read.
void require_private(const fs::path& file) {
    struct stat info {};
    if (::stat(file.c_str(), &info) == 0 && (info.st_mode & (S_IRWXG | S_IRWXO)))
        throw Error(GENLAYER_AUTH, "The config file " + file.string() +
                                       " holding the API key is readable by others; run chmod 600 " + file.string() +
                                       ".");
}

std::string string_field(const nlohmann::json& config, const char* name) {
    auto it = config.find(name);
    return it != config.end() && it->is_string() ? it->get<std::string>() : "";
}

// Flag, then GENLAYER_HISTORY_MAX_MB, then the config file's history_max_mb.
double history_max_mb(const std::optional<double>& flag, const nlohmann::json& config) {
    const auto refuse = [](const std::string& given) {
        return Error(GENLAYER_INVALID_REQUEST, "The history size limit \"" + given +
                                                   "\" is not a positive number of megabytes; set "
                                                   "GENLAYER_HISTORY_MAX_MB or history_max_mb in the config file.");
    };
    if (flag) {
        if (!(*flag > 0)) throw refuse(std::to_string(*flag));
        return *flag;
    }
    if (const auto from_env = env("GENLAYER_HISTORY_MAX_MB"); !from_env.empty()) {
        size_t used = 0;
        double value = 0;
        try {
            value = std::stod(from_env, &used);
        } catch (const std::exception&) {
            throw refuse(from_env);
        }
        if (used != from_env.size() || !(value > 0)) throw refuse(from_env);
        return value;
    }
    if (auto it = config.find("history_max_mb"); it != config.end()) {
        if (!it->is_number() || !(it->get<double>() > 0)) throw refuse(it->dump());
        return it->get<double>();
    }
    return kDefaultHistoryMaxMb;
}

}  // namespace

fs::path default_config_file() { return xdg_dir("XDG_CONFIG_HOME", ".config") / "genlayer" / "config.json"; }

fs::path default_journal_dir() { return xdg_dir("XDG_STATE_HOME", ".local/state") / "genlayer" / "journal"; }

fs::path default_history_dir() { return xdg_dir("XDG_DATA_HOME", ".local/share") / "genlayer" / "history"; }

Settings load_settings(const SettingsOverrides& overrides) {
    Settings settings;
    settings.config_file = default_config_file();
    const auto config = read_config(settings.config_file);

    // Each setting: flag, then environment, then config file, then default.
    auto pick = [](const std::optional<std::string>& flag, const std::string& from_env, const std::string& from_config,
                   const std::string& fallback) {
        if (flag && !flag->empty()) return *flag;
        if (!from_env.empty()) return from_env;
        if (!from_config.empty()) return from_config;
        return fallback;
    };
    const auto config_key = string_field(config, "api_key");
    settings.api_key = pick(overrides.api_key, env("TOAPIS_API_KEY"), config_key, "");
    if (!config_key.empty() && settings.api_key == config_key) require_private(settings.config_file);

    settings.base_url =
        pick(overrides.base_url, env("TOAPIS_BASE_URL"), string_field(config, "base_url"), settings.base_url);
    while (!settings.base_url.empty() && settings.base_url.back() == '/') settings.base_url.pop_back();
    require_base_url(settings.base_url);

    if (overrides.timeout_s && *overrides.timeout_s > 0) {
        settings.timeout_s = *overrides.timeout_s;
    } else if (auto it = config.find("timeout_s"); it != config.end() && it->is_number() && *it > 0) {
        settings.timeout_s = it->get<double>();
    }
    const auto positive_or = [](const std::optional<double>& flag, double fallback) {
        return flag && *flag > 0 ? *flag : fallback;
    };
    settings.connect_timeout_s = positive_or(overrides.connect_timeout_s, settings.connect_timeout_s);
    settings.stall_timeout_s = positive_or(overrides.stall_timeout_s, settings.stall_timeout_s);
    settings.journal_dir = overrides.journal_dir ? *overrides.journal_dir : default_journal_dir();
    settings.history_dir = overrides.history_dir ? *overrides.history_dir : default_history_dir();
    settings.history_max_bytes = uint64_t(history_max_mb(overrides.history_max_mb, config) * 1024 * 1024);
    settings.record_history = !overrides.no_history;

    const auto dialect =
        pick(overrides.size_dialect, env("TOAPIS_SIZE_DIALECT"), string_field(config, "size_dialect"), "auto");
    if (dialect != "auto") {
        settings.size_dialect = parse_size_dialect(dialect);
        if (!settings.size_dialect)
            throw Error(GENLAYER_INVALID_REQUEST, "The size dialect \"" + dialect +
                                                      "\" is not known; set --size-dialect, TOAPIS_SIZE_DIALECT or "
                                                      "size_dialect in the config file to pixels, ratio or auto.");
    }
    return settings;
}

void store_api_key(const fs::path& config_file, const std::string& key) {
    auto config = read_config(config_file);
    config["api_key"] = key;
    std::error_code error;
    fs::create_directories(config_file.parent_path(), error);
    if (error) throw LocalFileError(config_file.parent_path(), error.value());
    write_file_atomically(config_file, config.dump(2) + "\n", 0600);
}

}  // namespace genlayer
