// genlayer batch: one generation per input file, many in flight, within the
// gateway's limits; rerunning the same command continues it.
#include "commands.hpp"

#include "batch_plan.hpp"
#include "batch_progress.hpp"
#include "common_options.hpp"
#include "exit_codes.hpp"
#include "interrupt.hpp"
#include "writable_output.hpp"
#include "gateway/gateway_config.hpp"
#include "jobs/job.hpp"

#include <iostream>
#include <list>
#include <map>

namespace genlayer::cli {
namespace {

constexpr double kPricePerRequest = 0.015;  // documented price per generation
// Jobs beyond the gate's limit prepare and upload while others wait on the gateway.
constexpr int kPrefetch = 2;

struct Running {
    const BatchItem* item;
    std::unique_ptr<Job> job;
};

struct Summary {
    int written = 0, collected = 0, skipped = 0;
    std::vector<std::pair<std::string, std::string>> failures;  // input, sentence
    int first_failure = kExitOk;  // the exit code of the first failure
    int submits = 0, requests = 0, rate_limited = 0;
};

}  // namespace

int run_batch(int argc, char** argv) {
    const Arguments args(argc, argv, 2, with_common_flags({"--prompt", "--size", "--resolution", "--jobs", "--output", "--model"}),
                         with_common_switches({}));
    const auto common = read_common_options(args);
    const auto output_dir = args.value("--output");
    if (!output_dir || output_dir->empty()) throw Error(GENLAYER_INVALID_REQUEST, "Give --output DIR, the folder for the results.");
    if (args.positional().empty()) throw Error(GENLAYER_INVALID_REQUEST, "Give the input images: genlayer batch --prompt TEXT --output DIR FILES...");
    const int max_jobs = args.integer("--jobs").value_or(4);
    if (max_jobs < 1 || max_jobs > 64) throw Error(GENLAYER_INVALID_REQUEST, "--jobs must be between 1 and 64.");

    GenerationRequest prototype;
    prototype.prompt = args.value("--prompt").value_or("");
    prototype.size = args.value("--size").value_or("auto");
    prototype.resolution = args.value("--resolution").value_or("auto");
    prototype.model = args.value("--model").value_or(prototype.model);
    validate_request(prototype);  // refuse a bad prompt or size before touching any file

    const auto settings = load_settings(common.overrides);
    require_api_key(settings);
    require_writable_folder(*output_dir);
    Journal journal(settings.journal_dir);
    const auto items = plan_batch(args.positional(), *output_dir, prototype.prompt, journal.list());

    auto gate = std::make_shared<SubmitGate>(max_jobs);
    auto cache = std::make_shared<UploadCache>(settings.journal_dir.parent_path() / "upload-cache.json");
    auto make_config = [&](const BatchItem& item) {
        JobConfig config;
        config.settings = settings;
        config.poll_mode = common.poll_mode;
        config.gate = gate;
        config.upload_cache = cache;
        config.target = {{"outputs", {item.output}}, {"batch_input", item.input}};
        return config;
    };

    BatchProgress progress(StatusLine::for_stderr(common.quiet));
    install_interrupt_handlers();
    const auto started = Clock::now();
    Summary summary;
    std::list<Running> running;
    auto pending = items.begin();
    bool stopping = false;

    auto fail = [&](const BatchItem& item, int exit_code, const std::string& sentence) {
        summary.failures.emplace_back(item.input, sentence);
        if (summary.first_failure == kExitOk) summary.first_failure = exit_code;
        progress.item_finished(item.input, "failed: " + sentence);
    };

    while (pending != items.end() || !running.empty()) {
        if (interrupted() && !stopping) {
            stopping = true;
            for (auto& r : running) r.job->cancel();
        }
        // Start what the gate and the prefetch allow.
        while (!stopping && pending != items.end() && int(running.size()) < gate->limit() + kPrefetch) {
            const BatchItem& item = *pending++;
            try {
                switch (item.action) {
                    case BatchItem::Action::skip_done:
                        ++summary.skipped;
                        progress.item_finished(item.input, "skipped, " + item.output + " exists");
                        continue;
                    case BatchItem::Action::skip_unknown:
                        fail(item, exit_code_for(GENLAYER_OUTCOME_UNKNOWN),
                             "an earlier submit (" + (item.task_id.empty() ? std::string("no task id") : item.task_id) +
                                 ") has an unknown outcome; it is not submitted twice, see `genlayer jobs`.");
                        continue;
                    case BatchItem::Action::collect:
                        running.push_back({&item, Job::collect(item.task_id, make_config(item))});
                        continue;
                    case BatchItem::Action::generate: {
                        GenerationRequest request = prototype;
                        request.reference = read_image_file(item.input);
                        running.push_back({&item, Job::generate(std::move(request), make_config(item))});
                        continue;
                    }
                }
            } catch (const Error& error) {
                fail(item, exit_code_for(error), error.what());
            }
        }
        // Reap finished jobs; write what they brought.
        for (auto it = running.begin(); it != running.end();) {
            if (!it->job->finished()) {
                ++it;
                continue;
            }
            const auto snapshot = it->job->snapshot();
            const auto report = it->job->report();
            summary.requests += report.value("requests", 0);
            summary.rate_limited += report.value("rate_limited", 0);
            if (it->item->action == BatchItem::Action::generate && !snapshot.task_id.empty()) ++summary.submits;
            if (snapshot.state == GENLAYER_JOB_DONE) {
                try {
                    write_image_file(it->item->output, view_of(it->job->results().at(0)));
                    it->job->mark_collected({it->item->output});
                    ++(it->item->action == BatchItem::Action::collect ? summary.collected : summary.written);
                    progress.item_finished(it->item->input, "wrote " + it->item->output);
                } catch (const Error& error) {
                    fail(*it->item, exit_code_for(error), error.what());
                }
            } else if (snapshot.state == GENLAYER_JOB_FAILED) {
                fail(*it->item, exit_code_for(snapshot.status, snapshot.local_file_fault), snapshot.message);
            }
            it = running.erase(it);
        }
        const int finished = summary.written + summary.collected + summary.skipped + int(summary.failures.size());
        progress.update({int(items.size()), summary.written + summary.collected + summary.skipped,
                         int(summary.failures.size()), gate->in_flight(), gate->limit(),
                         std::chrono::duration<double>(Clock::now() - started).count()});
        if (finished == int(items.size()) || (stopping && running.empty())) break;
        if (!running.empty()) running.front().job->wait_for(std::chrono::milliseconds(50));
    }

    const double elapsed = std::chrono::duration<double>(Clock::now() - started).count();
    nlohmann::json report = {
        {"inputs", items.size()},          {"written", summary.written},
        {"collected", summary.collected},  {"skipped", summary.skipped},
        {"failed", summary.failures.size()}, {"elapsed_s", elapsed},
        {"submits", summary.submits},      {"requests", summary.requests},
        {"rate_limited", summary.rate_limited}, {"cost_usd", summary.submits * kPricePerRequest},
        {"interrupted", stopping},
    };
    for (const auto& [input, sentence] : summary.failures) report["failures"].push_back({{"input", input}, {"error", sentence}});
    if (common.json) std::cout << report.dump() << std::endl;

    char line[256];
    std::snprintf(line, sizeof line,
                  "%d written, %d collected from earlier runs, %d skipped, %zu failed in %.1f s; %d submits ($%.3f), "
                  "%d requests, %d answered 429.",
                  summary.written, summary.collected, summary.skipped, summary.failures.size(), elapsed,
                  summary.submits, summary.submits * kPricePerRequest, summary.requests, summary.rate_limited);
    progress.note(line);
    for (const auto& [input, sentence] : summary.failures) progress.note("failed: " + input + ": " + sentence);
    if (stopping) {
        progress.note("Interrupted: submitted tasks stay in the journal; run the same command again, or `genlayer resume`, to collect them.");
        return kExitInterrupted;
    }
    return summary.first_failure;
}

}  // namespace genlayer::cli
