// genlayer-bench-fixed-k: the naive peer of `genlayer batch`, for comparison.
// K workers each take the next task and submit it; on a 429 they submit again
// at once (no back-off, Retry-After ignored) up to --immediate-retries times,
// then count the task as failed and take the next one. An accepted task is
// polled on the documented schedule and its image downloaded. Prints one JSON
// object: tasks, workers, 429 answers, failures, completed, makespan.
//
// usage: genlayer-bench-fixed-k --base-url URL [--tasks N] [--workers K]
//            [--immediate-retries R]                       (key: TOAPIS_API_KEY)
#include "arguments.hpp"
#include "gateway/gateway_config.hpp"
#include "gateway/gateway_errors.hpp"
#include "gateway/task_json.hpp"
#include "jobs/poll_schedule.hpp"
#include "net/http_client.hpp"

#include <nlohmann/json.hpp>

#include <atomic>
#include <iostream>
#include <thread>

using namespace genlayer;

namespace {

struct Tally {
    std::atomic<int> next_task{0};
    std::atomic<int> rate_limited{0};
    std::atomic<int> failed{0};
    std::atomic<int> completed{0};
};

struct Worker {
    const Settings& settings;
    int immediate_retries;
    Tally& tally;
    SharedCancelToken cancel = std::make_shared<CancelToken>();
    HttpClient http{cancel};
    GatewayClient gateway{gateway_config(settings, deadline_after(settings.timeout_s)), cancel};

    // The submit, sent again at once on a 429; nullopt once the retries are used up.
    std::optional<TaskInfo> submit(int task) {
        HttpRequest request;
        request.method = "POST";
        request.url = settings.base_url + "/v1/images/generations";
        request.headers = {"Authorization: Bearer " + settings.api_key, "Content-Type: application/json"};
        request.body = nlohmann::json{
            {"model", "gpt-image-2"},
            {"prompt", "fixed concurrency " + std::to_string(task)},
            {"size", "1024x1024"},
            {"resolution", "1024"},
            {"n", 1}}.dump();
        for (int attempt = 0; attempt <= immediate_retries; ++attempt) {
            HttpResponse response;
            TransportError failure;
            if (!http.perform(request, response, failure))
                throw Error(GENLAYER_NETWORK, "The submit failed below HTTP: " + failure.detail);
            if (response.status == 429) {
                ++tally.rate_limited;
                continue;
            }
            if (response.status != 200) throw error_from_response(response.status, response.body_text(), "submit");
            return parse_task(response.body_text());
        }
        return std::nullopt;
    }

    void collect(const std::string& task_id) {
        const auto started = Clock::now();
        PollSchedule schedule(PollMode::documented);
        for (;;) {
            cancel->sleep_for(
                started +
                std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(schedule.next_poll_at())) -
                Clock::now());
            const TaskInfo task = gateway.status(task_id);
            if (task.status == TaskStatus::failed) throw error_from_failed_task(task);
            if (task.status == TaskStatus::completed) {
                gateway.download(task.results.at(0).url, 64 * 1024 * 1024);
                return;
            }
            schedule.observe(std::chrono::duration<double>(Clock::now() - started).count(), task.progress);
        }
    }

    void run(int tasks) {
        for (int task; (task = tally.next_task++) < tasks;) {
            try {
                if (const auto accepted = submit(task)) {
                    collect(accepted->id);
                    ++tally.completed;
                    continue;
                }
            } catch (const Error&) {}
            ++tally.failed;
        }
    }
};

}  // namespace

int main(int argc, char** argv) try {
    const cli::Arguments args(argc, argv, 1, {"--base-url", "--tasks", "--workers", "--immediate-retries"}, {});
    const int tasks = args.integer("--tasks").value_or(100);
    const int workers = args.integer("--workers").value_or(16);
    const int immediate_retries = args.integer("--immediate-retries").value_or(3);
    if (tasks < 1 || workers < 1 || immediate_retries < 0)
        throw Error(GENLAYER_INVALID_REQUEST, "Give --tasks and --workers of at least 1 and --immediate-retries >= 0.");
    SettingsOverrides overrides;
    overrides.base_url = args.value("--base-url");
    const Settings settings = load_settings(overrides);
    require_api_key(settings);

    Tally tally;
    const auto started = Clock::now();
    std::vector<std::thread> threads;
    for (int k = 0; k < workers; ++k)
        threads.emplace_back([&] { Worker{settings, immediate_retries, tally}.run(tasks); });
    for (auto& thread : threads) thread.join();

    std::cout << nlohmann::json{{"tasks", tasks},
                                {"workers", workers},
                                {"immediate_retries", immediate_retries},
                                {"rate_limited", tally.rate_limited.load()},
                                {"failures", tally.failed.load()},
                                {"completed", tally.completed.load()},
                                {"makespan_s", std::chrono::duration<double>(Clock::now() - started).count()}}
                     .dump()
              << std::endl;
    return 0;
} catch (const std::exception& error) {
    std::cerr << "genlayer-bench-fixed-k: " << error.what() << "\n";
    return 1;
}
