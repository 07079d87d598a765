// genlayer history [export ID OUT | keep ID | forget ID | prune]: the images
// already paid for, listed and put to use without the gateway.
#include "commands.hpp"

#include "base/atomic_file.hpp"
#include "common_options.hpp"
#include "exit_codes.hpp"
#include "history/history_search.hpp"
#include "history/history_store.hpp"
#include "image/image_codec.hpp"
#include "image/image_format.hpp"
#include "writable_output.hpp"

#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <iterator>

namespace genlayer::cli {
namespace {

std::string local_time(long long unix_seconds) {
    const std::time_t time = std::time_t(unix_seconds);
    std::tm parts{};
    char text[32] = "";
    if (::localtime_r(&time, &parts)) std::strftime(text, sizeof text, "%Y-%m-%d %H:%M", &parts);
    return text;
}

// An unknown or ambiguous id is the caller's mistake: exit 2, like any bad argument.
HistoryEntry find_entry(const HistoryStore& store, const std::string& id) {
    try {
        return store.find(id);
    } catch (const Error& error) {
        if (error.status() != GENLAYER_NOT_FOUND) throw;
        throw Error(GENLAYER_INVALID_REQUEST, error.what());
    }
}

std::vector<uint8_t> read_bytes(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw Error(GENLAYER_INVALID_REQUEST, "The history's image " + file.string() +
                                                  " cannot be read; run `genlayer history prune` to tidy it.");
    return {std::istreambuf_iterator<char>(in), {}};
}

// The bytes as received when OUT asks for their format, else converted.
void export_entry(const HistoryStore& store, const HistoryEntry& entry, const std::string& out) {
    require_writable_file(out);
    const auto bytes = read_bytes(store.image_path(entry));
    if (format_of_extension(out) == sniff_image_format(bytes))
        write_file_atomically(out, std::string(bytes.begin(), bytes.end()), 0644);
    else
        write_image_file(out, view_of(decode_image(bytes)));
}

int list_entries(const Arguments& args, const CommonOptions& common, const HistoryStore& store) {
    const int limit = args.integer("--limit").value_or(0);
    if (args.value("--limit") && limit < 1)
        throw Error(GENLAYER_INVALID_REQUEST, "--limit takes a number of entries, 1 or more.");
    const auto shown = search_history(store.list(), args.value("--search").value_or(""), size_t(limit));
    if (common.json) {
        auto entries = nlohmann::json::array();
        for (const auto& entry : shown) entries.push_back(store.describe(entry));
        std::cout << nlohmann::json{{"entries", entries}}.dump() << std::endl;
        return kExitOk;
    }
    for (const auto& entry : shown)
        std::printf("%s  %s  %5ux%-5u %s %s\n", entry.id.c_str(), local_time(entry.record.created_at).c_str(),
                    entry.width, entry.height, entry.kept ? "kept" : "    ", entry.record.prompt.substr(0, 60).c_str());
    return kExitOk;
}

// The plain arguments a subcommand takes, exactly.
void require_arguments(const std::vector<std::string>& positional, size_t count, const char* usage) {
    if (positional.size() != count)
        throw Error(GENLAYER_INVALID_REQUEST, std::string("Usage: genlayer history ") + usage + ".");
}

}  // namespace

int run_history(int argc, char** argv) {
    const Arguments args(argc, argv, 2, with_common_flags({"--search", "--limit"}), with_common_switches({}));
    const auto common = read_common_options(args);
    const auto settings = load_settings(common.overrides);
    HistoryStore store(settings.history_dir, settings.history_max_bytes);
    const auto& positional = args.positional();
    const std::string action = positional.empty() ? "" : positional[0];

    if (action.empty()) return list_entries(args, common, store);
    if (action == "export") {
        require_arguments(positional, 3, "export ID OUT.png");
        const auto entry = find_entry(store, positional[1]);
        export_entry(store, entry, positional[2]);
        if (common.json) std::cout << nlohmann::json{{"id", entry.id}, {"output", positional[2]}}.dump() << std::endl;
        if (!common.quiet) std::fprintf(stderr, "wrote %s\n", positional[2].c_str());
        return kExitOk;
    }
    if (action == "keep" || action == "forget") {
        require_arguments(positional, 2, (action + " ID").c_str());
        const auto entry = find_entry(store, positional[1]);
        if (action == "keep")
            store.set_kept(entry.id, true);
        else
            store.forget(entry.id);
        if (common.json) std::cout << nlohmann::json{{"id", entry.id}, {action, true}}.dump() << std::endl;
        if (!common.quiet) std::fprintf(stderr, "%s %s\n", action == "keep" ? "kept" : "forgot", entry.id.c_str());
        return kExitOk;
    }
    if (action == "prune") {
        require_arguments(positional, 1, "prune");
        const int evicted = store.prune();
        const auto left = store.list();
        uint64_t bytes = 0;
        for (const auto& entry : left) bytes += entry.disk_bytes;
        if (common.json)
            std::cout << nlohmann::json{{"evicted", evicted}, {"entries", left.size()}, {"bytes", bytes}}.dump()
                      << std::endl;
        if (!common.quiet)
            std::fprintf(stderr, "evicted %d entries; %zu left, %.1f MB of %.0f MB\n", evicted, left.size(),
                         double(bytes) / (1024 * 1024), double(settings.history_max_bytes) / (1024 * 1024));
        return kExitOk;
    }
    throw Error(GENLAYER_INVALID_REQUEST,
                "\"" + action + "\" is not a history command; use export, keep, forget or prune, or none to list.");
}

}  // namespace genlayer::cli
