// genlayer batch: one generation per input file, many in flight, within the
// gateway's limits; rerunning the same command continues it.
#include "commands.hpp"

#include "batch_plan.hpp"
#include "batch_progress.hpp"
#include "batch_scheduler.hpp"
#include "common_options.hpp"
#include "exit_codes.hpp"
#include "gateway/gateway_config.hpp"
#include "gateway/limits.hpp"
#include "interrupt.hpp"
#include "jobs/job.hpp"
#include "writable_output.hpp"

#include <filesystem>
#include <iostream>

namespace genlayer::cli {
namespace fs = std::filesystem;

namespace {

struct BatchArguments {
    CommonOptions common;
    std::string output_dir;
    std::vector<std::string> inputs;
    int max_jobs = 4;
    GenerationRequest prototype;  // every input's request, without its reference
};

// Refuses bad flags, a bad prompt or a bad size before any file is touched.
BatchArguments read_batch_arguments(int argc, char** argv) {
    const Arguments args(argc, argv, 2,
                         with_common_flags({"--prompt", "--size", "--resolution", "--jobs", "--output", "--model"}),
                         with_common_switches({"--no-history"}));
    BatchArguments batch;
    batch.common = read_common_options(args);
    batch.common.overrides.no_history = args.has("--no-history");
    const auto output_dir = args.value("--output");
    if (!output_dir || output_dir->empty())
        throw Error(GENLAYER_INVALID_REQUEST, "Give --output DIR, the folder for the results.");
    if (args.positional().empty())
        throw Error(GENLAYER_INVALID_REQUEST,
                    "Give the input images: genlayer batch --prompt TEXT --output DIR FILES...");
    batch.output_dir = *output_dir;
    batch.inputs = args.positional();
    batch.max_jobs = args.integer("--jobs").value_or(4);
    if (batch.max_jobs < 1 || batch.max_jobs > 64)
        throw Error(GENLAYER_INVALID_REQUEST, "--jobs must be between 1 and 64.");

    GenerationRequest& prototype = batch.prototype;
    prototype.prompt = args.value("--prompt").value_or("");
    prototype.size = args.value("--size").value_or("auto");
    prototype.resolution = args.value("--resolution").value_or("auto");
    prototype.model = args.value("--model").value_or(prototype.model);
    validate_request(prototype);
    return batch;
}

nlohmann::json summary_json(const BatchSummary& summary, size_t inputs) {
    nlohmann::json report = {
        {"inputs", inputs},
        {"written", summary.written},
        {"collected", summary.collected},
        {"skipped", summary.skipped},
        {"failed", summary.failures.size()},
        {"elapsed_s", summary.elapsed_s},
        {"submits", summary.submits},
        {"requests", summary.requests},
        {"rate_limited", summary.rate_limited},
        {"cost_usd", estimated_cost_usd(summary.submits)},
        {"interrupted", summary.interrupted},
    };
    for (const auto& [input, sentence] : summary.failures)
        report["failures"].push_back({{"input", input}, {"error", sentence}});
    return report;
}

// The summary on stderr: counts, time, cost, then each failure.
void note_summary(const BatchSummary& summary, BatchProgress& progress) {
    char line[256];
    std::snprintf(line, sizeof line,
                  "%d written, %d collected from earlier runs, %d skipped, %zu failed in %.1f s; %d submits ($%.3f), "
                  "%d requests, %d answered 429.",
                  summary.written, summary.collected, summary.skipped, summary.failures.size(), summary.elapsed_s,
                  summary.submits, estimated_cost_usd(summary.submits), summary.requests, summary.rate_limited);
    progress.note(line);
    for (const auto& [input, sentence] : summary.failures)
        progress.note(std::string("failed: ").append(input).append(": ").append(sentence));
}

}  // namespace

int run_batch(int argc, char** argv) {
    const auto batch = read_batch_arguments(argc, argv);
    const auto settings = load_settings(batch.common.overrides);
    require_api_key(settings);
    require_writable_folder(batch.output_dir);
    Journal journal(settings.journal_dir);
    const auto items = plan_batch(batch.inputs, batch.output_dir, batch.prototype.prompt, journal.list());

    auto gate = std::make_shared<SubmitGate>(batch.max_jobs);
    auto cache = std::make_shared<UploadCache>(settings.journal_dir.parent_path() / "upload-cache.json");
    auto make_config = [&](const BatchItem& item) {
        JobConfig config;
        config.settings = settings;
        config.poll_mode = batch.common.poll_mode;
        config.gate = gate;
        config.upload_cache = cache;
        config.target = {{"outputs", {item.output}}, {"batch_input", item.input}};
        return config;
    };

    BatchProgress progress(StatusLine::for_stderr(batch.common.quiet));
    install_interrupt_handlers();
    const auto summary = BatchScheduler(items, batch.prototype, make_config, gate, progress).run();

    if (batch.common.json) std::cout << summary_json(summary, items.size()).dump() << std::endl;
    note_summary(summary, progress);
    if (summary.interrupted) {
        progress.note(
            "Interrupted: submitted tasks stay in the journal; run the same command again, or `genlayer resume`, to "
            "collect them.");
        return kExitInterrupted;
    }
    return summary.first_failure;
}

}  // namespace genlayer::cli
