// genlayer jobs [--prune] and genlayer resume: the journal, seen and acted on.
#include "commands.hpp"

#include "common_options.hpp"
#include "exit_codes.hpp"
#include "gateway/gateway_config.hpp"
#include "interrupt.hpp"
#include "jobs/job.hpp"
#include "progress_reporter.hpp"

#include <cstdio>
#include <iostream>

namespace genlayer::cli {
namespace {

std::string duration_text(long long seconds) {
    if (seconds < 0) return "expired";
    if (seconds < 120) return std::to_string(seconds) + " s";
    if (seconds < 7200) return std::to_string(seconds / 60) + " min";
    return std::to_string(seconds / 3600) + " h";
}

// Entries written by the CLI name their output files; others belong to a
// host (GIMP) that collects them itself.
bool has_output_files(const JournalEntry& entry) {
    return entry.target.contains("outputs") && entry.target["outputs"].is_array() && !entry.target["outputs"].empty();
}

}  // namespace

int run_jobs(int argc, char** argv) {
    const Arguments args(argc, argv, 2, with_common_flags({}), with_common_switches({"--prune"}));
    const auto common = read_common_options(args);
    const auto settings = load_settings(common.overrides);
    Journal journal(settings.journal_dir);
    const long long now = unix_now();

    nlohmann::json listing = nlohmann::json::array();
    int pruned = 0;
    for (const auto& entry : journal.list()) {
        const bool expired = entry.expires_at != 0 && entry.expires_at <= now;
        if (args.has("--prune") && (entry.stage == JobStage::collected || entry.stage == JobStage::failed || expired)) {
            journal.remove(entry.job_id);
            ++pruned;
            continue;
        }
        listing.push_back(
            {{"job_id", entry.job_id},
             {"stage", to_string(entry.stage)},
             {"task_id", entry.task_id},
             {"age_s", now - entry.created_at},
             {"expires_in_s", entry.expires_at ? nlohmann::json(entry.expires_at - now) : nlohmann::json(nullptr)},
             {"collectable", entry.collectable(now)},
             {"prompt", entry.request.value("prompt", "")},
             {"target", entry.target},
             {"error", entry.error}});
    }
    if (common.json) {
        std::cout << nlohmann::json{{"jobs", listing}, {"pruned", pruned}}.dump() << std::endl;
        return kExitOk;
    }
    if (args.has("--prune")) std::printf("pruned %d collected, failed or expired jobs\n", pruned);
    for (const auto& job : listing) {
        const std::string prompt = job["prompt"].get<std::string>().substr(0, 40);
        const std::string left =
            job["expires_in_s"].is_null() ? "-" : duration_text(job["expires_in_s"].get<long long>());
        std::printf("%-26s %-16s %-26s age %-7s left %-7s %s\n", job["job_id"].get<std::string>().c_str(),
                    job["stage"].get<std::string>().c_str(), job["task_id"].get<std::string>().c_str(),
                    duration_text(job["age_s"].get<long long>()).c_str(), left.c_str(), prompt.c_str());
    }
    return kExitOk;
}

int run_resume(int argc, char** argv) {
    const Arguments args(argc, argv, 2, with_common_flags({}), with_common_switches({}));
    const auto common = read_common_options(args);
    const auto settings = load_settings(common.overrides);
    require_api_key(settings);
    Journal journal(settings.journal_dir);
    ProgressReporter progress(StatusLine::for_stderr(common.quiet));
    install_interrupt_handlers();

    int collected = 0, failed = 0, left_to_host = 0;
    int first_failure = kExitOk;  // the exit code of the first failure
    nlohmann::json outputs = nlohmann::json::array();
    for (const auto& entry : journal.list()) {
        if (!entry.collectable(unix_now())) continue;
        if (!has_output_files(entry)) {
            ++left_to_host;
            continue;
        }
        if (interrupted()) break;
        JobConfig config;
        config.settings = settings;
        config.poll_mode = common.poll_mode;
        config.target = entry.target;
        auto job = Job::collect(entry.task_id, std::move(config));
        while (!job->wait_for(std::chrono::milliseconds(50))) {
            if (interrupted()) job->cancel();
            progress.update(job->snapshot());
        }
        const auto snapshot = job->snapshot();
        if (snapshot.state != GENLAYER_JOB_DONE) {
            ++failed;
            if (first_failure == kExitOk) first_failure = exit_code_for(snapshot.status, snapshot.local_file_fault);
            progress.note(entry.task_id + ": " + snapshot.message);
            continue;
        }
        const auto paths = entry.target["outputs"].get<std::vector<std::string>>();
        std::vector<std::string> written;
        for (size_t i = 0; i < paths.size() && i < job->results().size(); ++i) {
            write_image_file(paths[i], view_of(job->results()[i]));
            written.push_back(paths[i]);
            progress.note("wrote " + paths[i]);
        }
        job->mark_collected(written);
        outputs.push_back({{"task_id", entry.task_id}, {"outputs", written}});
        ++collected;
    }
    if (common.json) std::cout << nlohmann::json{{"collected", outputs}, {"failed", failed}}.dump() << std::endl;
    progress.note(std::to_string(collected) + " collected, " + std::to_string(failed) + " failed" +
                  (left_to_host ? ", " + std::to_string(left_to_host) + " left for GIMP's Recover Generations" : "") +
                  ".");
    if (interrupted()) return kExitInterrupted;
    return first_failure;
}

}  // namespace genlayer::cli
