// No failure inside the core crosses the C ABI as an exception: with every
// allocation refused, each function returns its status or a safe empty
// value, and the handle keeps working once memory is back.
#include <genlayer/genlayer.h>

#include "failing_allocation.hpp"
#include "test_fixture.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <string>
#include <thread>

using namespace genlayer::testing;

namespace {

genlayer_client* make_client(const Fixture& fx) {
    const auto base = fx.emulator().api_url();
    const auto journal = fx.journal_dir().string();
    const auto history = fx.history_dir().string();
    genlayer_client_options options{sizeof options, kTestKey, base.c_str(), 30, journal.c_str(), history.c_str(), 0};
    genlayer_client* client = nullptr;
    REQUIRE(genlayer_client_create(&options, &client) == GENLAYER_OK);
    return client;
}

genlayer_job* finished_job(genlayer_client* client) {
    genlayer_request request{};
    request.struct_size = sizeof request;
    request.prompt = "out of memory";
    request.size = "1024x1024";
    genlayer_job* job = nullptr;
    REQUIRE(genlayer_job_start(client, &request, &job) == GENLAYER_OK);
    genlayer_progress progress{};
    progress.struct_size = sizeof progress;
    // The job's own deadline (30 s) bounds this loop: a stuck job ends FAILED.
    while (genlayer_job_poll(job, &progress) == GENLAYER_OK && !genlayer_job_state_is_final(progress.state))
        std::this_thread::sleep_for(std::chrono::milliseconds(5));  // the host's UI tick
    REQUIRE(progress.state == GENLAYER_JOB_DONE);
    return job;
}

}  // namespace

TEST_CASE("C ABI: a refused allocation is a status, never an exception") {
    Fixture fx;
    genlayer_client* client = make_client(fx);
    genlayer_job* job = finished_job(client);
    const std::string task_id = genlayer_job_task_id(job);
    const auto history = nlohmann::json::parse(genlayer_client_history_json(client, nullptr, 0));
    REQUIRE(history.size() == 1);
    const auto history_id = history[0]["id"].get<std::string>();
    genlayer_history_entry entry{};
    entry.struct_size = sizeof entry;
    genlayer_image history_image{};
    history_image.struct_size = sizeof history_image;

    genlayer_progress progress{};
    progress.struct_size = sizeof progress;
    genlayer_job* refused_job = nullptr;
    genlayer_client* refused_client = nullptr;
    genlayer_client_options options{sizeof options, kTestKey, nullptr, 0, nullptr, nullptr, 0};
    genlayer_request request{};
    request.struct_size = sizeof request;
    request.prompt = "never sent";
    // Catch's own macros allocate: the answers are kept and checked afterwards.
    struct {
        genlayer_status poll, status, start, collect, create, history_entry, history_image;
        const char *task_id, *request_json, *report_json, *journal_json, *history_json;
        uint32_t result_count;
        int refused;
    } got{};
    {
        FailingAllocations no_memory;
        got.poll = genlayer_job_poll(job, &progress);
        got.status = genlayer_job_status(job);
        got.task_id = genlayer_job_task_id(job);
        got.request_json = genlayer_job_request_json(job);
        got.report_json = genlayer_job_report_json(job);
        got.result_count = genlayer_job_result_count(job);
        got.start = genlayer_job_start(client, &request, &refused_job);
        got.collect = genlayer_job_collect(client, task_id.c_str(), 5, &refused_job);
        got.create = genlayer_client_create(&options, &refused_client);
        got.journal_json = genlayer_client_journal_json(client);
        got.history_json = genlayer_client_history_json(client, nullptr, 0);
        got.history_entry = genlayer_client_history_entry(client, history_id.c_str(), &entry);
        got.history_image = genlayer_client_history_image(client, history_id.c_str(), &history_image);
        got.refused = no_memory.refused();
    }
    CHECK(got.poll == GENLAYER_INTERNAL);
    CHECK(got.status == GENLAYER_INTERNAL);
    CHECK(got.task_id == nullptr);
    CHECK(std::string(got.request_json) == "{}");
    CHECK(std::string(got.report_json) == "{}");
    CHECK(got.result_count == 0);
    CHECK(got.start == GENLAYER_INTERNAL);
    CHECK(got.collect == GENLAYER_INTERNAL);
    CHECK(refused_job == nullptr);
    CHECK(got.create == GENLAYER_INTERNAL);
    CHECK(refused_client == nullptr);
    CHECK(std::string(got.journal_json) == "[]");
    CHECK(std::string(got.history_json) == "[]");
    CHECK(got.history_entry == GENLAYER_INTERNAL);
    CHECK(got.history_image == GENLAYER_INTERNAL);
    CHECK(got.refused >= 13);
    CHECK_THAT(genlayer_job_message(job), Catch::Contains("ran out of memory"));
    CHECK_THAT(genlayer_client_message(client), Catch::Contains("ran out of memory"));

    // Memory is back: the same handles answer as before.
    CHECK(genlayer_job_poll(job, &progress) == GENLAYER_OK);
    CHECK(progress.state == GENLAYER_JOB_DONE);
    CHECK(genlayer_job_status(job) == GENLAYER_OK);
    CHECK(std::string(genlayer_job_task_id(job)) == task_id);
    CHECK(genlayer_job_result_count(job) == 1);
    CHECK_THAT(genlayer_job_request_json(job), Catch::Contains("\"size\":\"1024x1024\""));
    CHECK_THAT(genlayer_client_journal_json(client), Catch::Contains(task_id));
    CHECK_THAT(genlayer_client_history_json(client, nullptr, 0), Catch::Contains(task_id));
    CHECK(genlayer_client_history_entry(client, history_id.c_str(), &entry) == GENLAYER_OK);
    CHECK(genlayer_client_history_image(client, history_id.c_str(), &history_image) == GENLAYER_OK);
    genlayer_job_destroy(job);
    genlayer_client_destroy(client);
}

TEST_CASE("C ABI: null handles and null out-parameters are refused, not dereferenced") {
    genlayer_progress progress{};
    progress.struct_size = sizeof progress;
    genlayer_image image{};
    image.struct_size = sizeof image;
    CHECK(genlayer_client_create(nullptr, nullptr) == GENLAYER_INVALID_REQUEST);
    CHECK(genlayer_job_start(nullptr, nullptr, nullptr) == GENLAYER_INVALID_REQUEST);
    CHECK(genlayer_job_collect(nullptr, nullptr, 0, nullptr) == GENLAYER_INVALID_REQUEST);
    CHECK(genlayer_job_poll(nullptr, &progress) == GENLAYER_INVALID_REQUEST);
    CHECK(genlayer_job_status(nullptr) == GENLAYER_INVALID_REQUEST);
    CHECK(std::string(genlayer_job_message(nullptr)).empty());
    CHECK(genlayer_job_task_id(nullptr) == nullptr);
    CHECK(std::string(genlayer_job_request_json(nullptr)) == "{}");
    CHECK(std::string(genlayer_job_report_json(nullptr)) == "{}");
    CHECK(genlayer_job_result_count(nullptr) == 0);
    CHECK(genlayer_job_result(nullptr, 0, &image) == GENLAYER_INVALID_REQUEST);
    CHECK(genlayer_job_mark_collected(nullptr) == GENLAYER_INVALID_REQUEST);
    CHECK(genlayer_client_has_api_key(nullptr) == 0);
    CHECK(genlayer_client_set_api_key(nullptr, "k", 0) == GENLAYER_INVALID_REQUEST);
    CHECK(std::string(genlayer_client_message(nullptr)).empty());
    CHECK(std::string(genlayer_client_journal_json(nullptr)) == "[]");
    CHECK(std::string(genlayer_client_history_json(nullptr, nullptr, 0)) == "[]");
    genlayer_history_entry entry{};
    entry.struct_size = sizeof entry;
    CHECK(genlayer_client_history_entry(nullptr, "0123", &entry) == GENLAYER_INVALID_REQUEST);
    CHECK(genlayer_client_history_image(nullptr, "0123", &image) == GENLAYER_INVALID_REQUEST);
    genlayer_get_limits(nullptr);
    genlayer_job_cancel(nullptr);
    genlayer_job_destroy(nullptr);
    genlayer_client_destroy(nullptr);
}

TEST_CASE("C ABI: a prompt that is not UTF-8 (a Script-Fu string, say) is INVALID_REQUEST") {
    Fixture fx;
    genlayer_client* client = make_client(fx);
    genlayer_request request{};
    request.struct_size = sizeof request;
    request.prompt = "caf\xE9";
    genlayer_job* job = nullptr;
    CHECK(genlayer_job_start(client, &request, &job) == GENLAYER_INVALID_REQUEST);
    CHECK(job == nullptr);
    CHECK_THAT(genlayer_client_message(client), Catch::StartsWith("The prompt is not UTF-8 text"));
    CHECK(fx.count_requests("POST", "/") == 0);
    genlayer_client_destroy(client);
}
