// genlayer-bench-poll-race: the adaptive and the documented poll schedules on
// the same tasks at the same moment. For each of --tasks generation times
// spread evenly over [--min-ms, --max-ms] it sets the emulator's generation
// time, then starts one job per schedule, so that both wait on identical
// tasks; all jobs run at once. It prints one JSON array: per job, the
// schedule, the generation time, the task id and what the job reported. The
// driver (run_bench.py) takes the moments of completion and of each status
// request from the emulator's own clock.
//
// usage: genlayer-bench-poll-race --base-url URL --journal-dir DIR
//            [--tasks N] [--min-ms MS] [--max-ms MS]      (key: TOAPIS_API_KEY)
#include "arguments.hpp"
#include "gateway/settings.hpp"
#include "jobs/job.hpp"
#include "net/http_client.hpp"

#include <iostream>
#include <thread>

using namespace genlayer;

namespace {

// The emulator's control endpoint: the generation time of the tasks created from now on.
void set_generation_ms(const std::string& base_url, int ms) {
    HttpClient http(nullptr);
    HttpRequest request;
    request.method = "POST";
    request.url = base_url + "/_emulator/faults";
    request.headers = {"Content-Type: application/json"};
    request.body = nlohmann::json{{"gen_ms", ms}}.dump();
    HttpResponse response;
    TransportError failure;
    if (!http.perform(request, response, failure) || response.status != 200)
        throw Error(GENLAYER_NETWORK, "The emulator at " + base_url + " did not take the generation time " +
                                          std::to_string(ms) + " ms; is it running?");
}

// A job submits on its worker thread, and the generation time must not change
// before its task exists. The Job API signals only the end, so this looks.
void wait_until_submitted(const Job& job) {
    while (job.snapshot().task_id.empty() && !job.finished()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

const char* name_of(PollMode mode) { return mode == PollMode::adaptive ? "adaptive" : "documented"; }

struct RacingJob {
    PollMode mode;
    int gen_ms;
    std::unique_ptr<Job> job;
};

}  // namespace

int main(int argc, char** argv) try {
    const cli::Arguments args(argc, argv, 1, {"--base-url", "--journal-dir", "--tasks", "--min-ms", "--max-ms"}, {});
    const std::string base_url = args.value("--base-url").value_or("");
    const int tasks = args.integer("--tasks").value_or(20);
    const int min_ms = args.integer("--min-ms").value_or(5000);
    const int max_ms = args.integer("--max-ms").value_or(30000);
    if (tasks < 1 || min_ms < 0 || max_ms < min_ms)
        throw Error(GENLAYER_INVALID_REQUEST, "Give --tasks of at least 1 and 0 <= --min-ms <= --max-ms.");
    SettingsOverrides overrides;
    overrides.base_url = base_url;
    overrides.journal_dir = args.value("--journal-dir");
    const Settings settings = load_settings(overrides);

    std::vector<RacingJob> racing;
    for (int i = 0; i < tasks; ++i) {
        const int gen_ms = tasks == 1 ? min_ms : min_ms + (max_ms - min_ms) * i / (tasks - 1);
        set_generation_ms(base_url, gen_ms);
        for (const PollMode mode : {PollMode::adaptive, PollMode::documented}) {
            GenerationRequest request;
            request.prompt = "poll race " + std::to_string(i);
            request.size = "1024x1024";
            request.resolution = "1024";
            JobConfig config;
            config.settings = settings;
            config.poll_mode = mode;
            racing.push_back({mode, gen_ms, Job::generate(std::move(request), std::move(config))});
        }
        for (auto it = racing.end() - 2; it != racing.end(); ++it) wait_until_submitted(*it->job);
    }

    nlohmann::json jobs = nlohmann::json::array();
    for (const auto& [mode, gen_ms, job] : racing) {
        job->wait();
        const auto snapshot = job->snapshot();
        const auto report = job->report();
        jobs.push_back({{"schedule", name_of(mode)},
                        {"gen_ms", gen_ms},
                        {"task_id", snapshot.task_id},
                        {"done", snapshot.state == GENLAYER_JOB_DONE},
                        {"message", snapshot.message},
                        {"status_polls", report.value("status_polls", 0)},
                        {"wait_s", report["stages"].value("wait_s", 0.0)}});
    }
    std::cout << jobs.dump() << std::endl;
    return 0;
} catch (const std::exception& error) {
    std::cerr << "genlayer-bench-poll-race: " << error.what() << "\n";
    return 1;
}
