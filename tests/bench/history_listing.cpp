// genlayer-bench-history-listing: how long listing the generation history
// takes through its index, beside a plain scan of the folder (every entry's
// own file read and parsed), on the same entries in the same run. Fills a
// fresh history with --entries small entries through the store, then times
// each way (the best of --rounds). Prints one JSON object.
//
// usage: genlayer-bench-history-listing --dir DIR [--entries N] [--rounds R]
#include "arguments.hpp"
#include "base/status.hpp"
#include "history/history_store.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <iostream>

using namespace genlayer;

namespace {

using Clock = std::chrono::steady_clock;

// The best of `rounds` timings of `body`, which must find `expected` entries.
template <class Body>
double best_seconds(int rounds, size_t expected, Body&& body) {
    double best = 1e9;
    for (int round = 0; round < rounds; ++round) {
        const auto started = Clock::now();
        const auto entries = body();
        best = std::min(best, std::chrono::duration<double>(Clock::now() - started).count());
        if (entries.size() != expected)
            throw Error(GENLAYER_INTERNAL,
                        "listed " + std::to_string(entries.size()) + " entries, not " + std::to_string(expected));
    }
    return best;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        const cli::Arguments args(argc, argv, 1, {"--dir", "--entries", "--rounds"}, {});
        const auto dir = args.value("--dir");
        if (!dir) throw Error(GENLAYER_INVALID_REQUEST, "Give --dir DIR, a fresh folder for the history.");
        const int count = args.integer("--entries").value_or(10000);
        const int rounds = args.integer("--rounds").value_or(3);

        HistoryStore store(*dir, uint64_t(1) << 40);
        RgbaImage pixels(4, 4);
        const auto fill_started = Clock::now();
        for (int i = 0; i < count; ++i) {
            HistoryRecord record;
            record.prompt = "bench entry " + std::to_string(i) + ", a lighthouse at dusk over a calm sea";
            record.model = "gpt-image-2";
            record.size = "1024x1024";
            record.resolution = "1024";
            record.size_dialect = "pixels";
            record.task_id = "task_img_bench" + std::to_string(i);
            record.created_at = 1700000000 + i;
            record.created_ms = record.created_at * 1000;
            record.cost_usd = 0.015;
            record.target = {{"outputs", {"bench-" + std::to_string(i) + ".png"}}};
            const std::string bytes = "stand-in image bytes " + std::to_string(i);
            store.save({reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()}, view_of(pixels), record);
        }
        const double fill_s = std::chrono::duration<double>(Clock::now() - fill_started).count();

        const double index_s = best_seconds(rounds, size_t(count), [&] { return store.list(); });
        const double scan_s = best_seconds(rounds, size_t(count), [&] { return store.scan(); });
        std::cout << nlohmann::json{{"entries", count},   {"rounds", rounds}, {"fill_s", fill_s},
                                    {"index_s", index_s}, {"scan_s", scan_s}, {"ratio", index_s / scan_s}}
                         .dump()
                  << std::endl;
        return 0;
    } catch (const std::exception& error) {
        std::cerr << "genlayer-bench-history-listing: " << error.what() << std::endl;
        return 1;
    }
}
