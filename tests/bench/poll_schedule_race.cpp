// genlayer-bench-poll-race: the adaptive and the documented poll schedules on
// the same tasks at the same moment. For each of --tasks generation times
// spread evenly over [--min-ms, --max-ms] it sets the emulator's course of
// the next tasks: that generation time, a queue phase of 0 to
// --max-queue-percent of it (the shares spread evenly too, but shuffled
// against the times) and, from --queue-seed, a rate that changes as the task
// runs. It then starts one job per schedule with the same prompt, so that
// both wait on identical tasks; all jobs run at once. It prints one JSON
// array: per job, the schedule, the generation and queue times, the task id
// and what the job reported. The driver (run_bench.py) takes the moments of
// completion and of each status request from the emulator's own clock.
//
// usage: genlayer-bench-poll-race --base-url URL --journal-dir DIR [--tasks N]
//            [--min-ms MS] [--max-ms MS] [--max-queue-percent P] [--queue-seed N]
//            (key: TOAPIS_API_KEY)
#include "arguments.hpp"
#include "gateway/settings.hpp"
#include "jobs/job.hpp"
#include "net/http_client.hpp"

#include <iostream>
#include <thread>

using namespace genlayer;

namespace {

struct TaskCourse {
    int gen_ms;
    int queue_ms;
};

// The emulator's control endpoint: the course of the tasks created from now on.
void set_course(const std::string& base_url, const TaskCourse& course, int seed) {
    HttpClient http(nullptr);
    HttpRequest request;
    request.method = "POST";
    request.url = base_url + "/_emulator/faults";
    request.headers = {"Content-Type: application/json"};
    request.body =
        nlohmann::json{{"gen_ms", course.gen_ms}, {"queue_ms", course.queue_ms}, {"queue_seed", seed}}.dump();
    HttpResponse response;
    TransportError failure;
    if (!http.perform(request, response, failure) || response.status != 200)
        throw Error(GENLAYER_NETWORK, "The emulator at " + base_url + " did not take the generation time " +
                                          std::to_string(course.gen_ms) + " ms; is it running?");
}

// Task i of n: times rising with i; queue shares taken alternately from the
// bottom and the top of their range, so that short and long queues meet
// short and long tasks alike.
TaskCourse course_of(int i, int n, int min_ms, int max_ms, int max_queue_percent) {
    const auto spread = [n](int index, int low, int high) {
        return n == 1 ? low : low + int((long long)(high - low) * index / (n - 1));
    };
    const int gen_ms = spread(i, min_ms, max_ms);
    const int share_index = i % 2 == 0 ? i / 2 : n - 1 - i / 2;
    return {gen_ms, int((long long)gen_ms * spread(share_index, 0, max_queue_percent) / 100)};
}

// A job submits on its worker thread, and the generation time must not change
// before its task exists. The Job API signals only the end, so this looks.
void wait_until_submitted(const Job& job) {
    while (job.snapshot().task_id.empty() && !job.finished()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

const char* name_of(PollMode mode) { return mode == PollMode::adaptive ? "adaptive" : "documented"; }

struct RacingJob {
    PollMode mode;
    TaskCourse course;
    std::unique_ptr<Job> job;
};

}  // namespace

int main(int argc, char** argv) try {
    const cli::Arguments args(
        argc, argv, 1,
        {"--base-url", "--journal-dir", "--tasks", "--min-ms", "--max-ms", "--max-queue-percent", "--queue-seed"}, {});
    const std::string base_url = args.value("--base-url").value_or("");
    const int tasks = args.integer("--tasks").value_or(20);
    const int min_ms = args.integer("--min-ms").value_or(5000);
    const int max_ms = args.integer("--max-ms").value_or(30000);
    const int max_queue_percent = args.integer("--max-queue-percent").value_or(50);
    const int queue_seed = args.integer("--queue-seed").value_or(1);
    if (tasks < 1 || min_ms < 0 || max_ms < min_ms || max_queue_percent < 0 || max_queue_percent > 100 ||
        queue_seed < 0)
        throw Error(GENLAYER_INVALID_REQUEST,
                    "Give --tasks of at least 1, 0 <= --min-ms <= --max-ms, --max-queue-percent from 0 to 100 and a "
                    "--queue-seed of at least 0.");
    SettingsOverrides overrides;
    overrides.base_url = base_url;
    overrides.journal_dir = args.value("--journal-dir");
    const Settings settings = load_settings(overrides);

    std::vector<RacingJob> racing;
    for (int i = 0; i < tasks; ++i) {
        const TaskCourse course = course_of(i, tasks, min_ms, max_ms, max_queue_percent);
        set_course(base_url, course, queue_seed);
        for (const PollMode mode : {PollMode::adaptive, PollMode::documented}) {
            GenerationRequest request;
            request.prompt = "poll race " + std::to_string(i);
            request.size = "1024x1024";
            request.resolution = "1024";
            JobConfig config;
            config.settings = settings;
            config.poll_mode = mode;
            racing.push_back({mode, course, Job::generate(std::move(request), std::move(config))});
        }
        for (auto it = racing.end() - 2; it != racing.end(); ++it) wait_until_submitted(*it->job);
    }

    nlohmann::json jobs = nlohmann::json::array();
    for (const auto& [mode, course, job] : racing) {
        job->wait();
        const auto snapshot = job->snapshot();
        const auto report = job->report();
        jobs.push_back({{"schedule", name_of(mode)},
                        {"gen_ms", course.gen_ms},
                        {"queue_ms", course.queue_ms},
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
