// The C ABI as a host uses it: start returns at once, poll never blocks,
// cancel is prompt, results arrive as RGBA8.
#include <genlayer/genlayer.h>

#include "abi_client.hpp"
#include "emulated_generation.hpp"
#include "image/image_codec.hpp"
#include "test_fixture.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <poll.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <future>
#include <thread>

using namespace genlayer;
using namespace genlayer::testing;
using Clock = std::chrono::steady_clock;

namespace {

genlayer_request text_request(const char* prompt) {
    genlayer_request request{};
    request.struct_size = sizeof request;
    request.prompt = prompt;
    request.size = "1024x1024";
    return request;
}

// The host's loop: poll until final, as the GIMP shim does from its timer.
genlayer_progress poll_until_final(genlayer_job* job, genlayer_job_state wait_for_state = GENLAYER_JOB_DONE) {
    genlayer_progress progress{};
    progress.struct_size = sizeof progress;
    const auto give_up = Clock::now() + std::chrono::seconds(30);
    while (Clock::now() < give_up) {
        REQUIRE(genlayer_job_poll(job, &progress) == GENLAYER_OK);
        if (progress.state >= wait_for_state) return progress;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));  // the host's UI tick
    }
    FAIL("the job did not reach the state in 30 s");
    return progress;
}

// Whether the job's wakeup descriptor is readable within timeout_ms.
bool readable(int fd, int timeout_ms) {
    pollfd wakeup{fd, POLLIN, 0};
    return ::poll(&wakeup, 1, timeout_ms) == 1;
}

}  // namespace

TEST_CASE("C ABI: a job runs to DONE and hands out RGBA8 results") {
    Fixture fx({"--gen-ms", "300", "--hold-submits", "1"});
    Client client(fx);
    auto request = text_request("ABI harbour");
    genlayer_job* job = nullptr;
    // Start does not wait for the network: it returns while the gateway
    // still holds its submit unanswered. (Should it wait, the test fails
    // after the bound, once the submit is let go.)
    auto started = std::async(std::launch::async, [&] { return genlayer_job_start(client.handle, &request, &job); });
    fx.emulator().wait_for({{"held_submits", 1}});
    const bool returned_while_held = started.wait_for(std::chrono::seconds(30)) == std::future_status::ready;
    CHECK(fx.emulator().state()["held_submits"] == 1);
    fx.emulator().release({{"submits", "all"}});
    CHECK(returned_while_held);
    REQUIRE(started.get() == GENLAYER_OK);

    const auto progress = poll_until_final(job);
    CHECK(progress.state == GENLAYER_JOB_DONE);
    CHECK(progress.fraction == Approx(1.0));
    CHECK(genlayer_job_status(job) == GENLAYER_OK);
    CHECK(std::string(genlayer_job_task_id(job)).size() > 0);
    CHECK_THAT(genlayer_job_request_json(job), Catch::Contains("\"size\":\"1024x1024\""));
    REQUIRE(genlayer_job_result_count(job) == 1);
    genlayer_image image{};
    image.struct_size = sizeof image;
    REQUIRE(genlayer_job_result(job, 0, &image) == GENLAYER_OK);
    RgbaImage copy(image.width, image.height);
    for (uint32_t y = 0; y < image.height; ++y)
        std::memcpy(copy.row(y), image.pixels + size_t(y) * image.stride, copy.row_bytes());
    CHECK(differing_pixels(copy, render_generation("ABI harbour", 1024, 1024, nullptr, 0), 0) == 0);
    CHECK(genlayer_job_mark_collected(job) == GENLAYER_OK);
    genlayer_job_destroy(job);
}

TEST_CASE("C ABI: a job's images are in the history, and read back from it with the gateway gone", "[history]") {
    Fixture fx({"--gen-ms", "0", "--result-size", "96x64"});
    auto request = text_request("ABI history");
    request.n = 2;
    request.target_json = R"({"image": 7})";
    std::string task_id;
    {
        Client client(fx);
        genlayer_job* job = nullptr;
        REQUIRE(genlayer_job_start(client.handle, &request, &job) == GENLAYER_OK);
        REQUIRE(poll_until_final(job).state == GENLAYER_JOB_DONE);
        task_id = genlayer_job_task_id(job);
        genlayer_job_destroy(job);  // never inserted, never marked collected
    }
    fx.emulator().stop();

    Client client(fx);
    const auto all = nlohmann::json::parse(genlayer_client_history_json(client.handle, nullptr, 0));
    REQUIRE(all.size() == 2);
    CHECK(nlohmann::json::parse(genlayer_client_history_json(client.handle, "abi HISTORY", 1)).size() == 1);
    CHECK(nlohmann::json::parse(genlayer_client_history_json(client.handle, "lighthouse", 0)).empty());
    for (const auto& listed : all) {
        const auto id = listed["id"].get<std::string>();
        genlayer_history_entry entry{};
        entry.struct_size = sizeof entry;
        REQUIRE(genlayer_client_history_entry(client.handle, id.substr(0, 6).c_str(), &entry) == GENLAYER_OK);
        CHECK(std::string(entry.id) == id);
        CHECK(entry.width == 96);
        CHECK(entry.height == 64);
        CHECK(entry.kept == 0);
        CHECK(entry.created_at > 0);
        CHECK(std::string(entry.image_path) == listed["path"].get<std::string>());
        CHECK(read_image_file(entry.thumbnail_path).width == 96);  // smaller than a thumbnail: as it is
        const auto metadata = nlohmann::json::parse(entry.metadata_json);
        CHECK(metadata["task_id"] == task_id);
        CHECK(metadata["prompt"] == "ABI history");
        CHECK(metadata["target"] == nlohmann::json{{"image", 7}});
        CHECK(metadata["index"] == entry.index);

        genlayer_image image{};
        image.struct_size = sizeof image;
        REQUIRE(genlayer_client_history_image(client.handle, id.c_str(), &image) == GENLAYER_OK);
        RgbaImage copy(image.width, image.height);
        for (uint32_t y = 0; y < image.height; ++y)
            std::memcpy(copy.row(y), image.pixels + size_t(y) * image.stride, copy.row_bytes());
        CHECK(differing_pixels(copy, read_image_file(entry.image_path), 0) == 0);
        CHECK(differing_pixels(copy, render_generation("ABI history", 96, 64, nullptr, int(entry.index)), 0) == 0);
    }

    genlayer_history_entry entry{};
    entry.struct_size = sizeof entry;
    CHECK(genlayer_client_history_entry(client.handle, "ffffffffff", &entry) == GENLAYER_NOT_FOUND);
    CHECK_THAT(genlayer_client_message(client.handle), Catch::StartsWith("No history entry has the id ffffffffff"));
    genlayer_image image{};
    image.struct_size = sizeof image;
    CHECK(genlayer_client_history_image(client.handle, "", &image) == GENLAYER_NOT_FOUND);
}

TEST_CASE("C ABI: a client with no_history records nothing", "[history]") {
    Fixture fx({"--gen-ms", "0", "--result-size", "64x64"});
    Client client(fx, kTestKey, 1);
    auto request = text_request("unrecorded");
    genlayer_job* job = nullptr;
    REQUIRE(genlayer_job_start(client.handle, &request, &job) == GENLAYER_OK);
    REQUIRE(poll_until_final(job).state == GENLAYER_JOB_DONE);
    genlayer_job_destroy(job);
    CHECK(std::string(genlayer_client_history_json(client.handle, nullptr, 0)) == "[]");
    CHECK_FALSE(std::filesystem::exists(fx.history_dir()));
}

TEST_CASE("C ABI: an invalid request fails at start and sends nothing") {
    Fixture fx;
    Client client(fx);
    auto request = text_request("x");
    request.n = 9;
    genlayer_job* job = nullptr;
    CHECK(genlayer_job_start(client.handle, &request, &job) == GENLAYER_INVALID_REQUEST);
    CHECK(job == nullptr);
    CHECK_THAT(genlayer_client_message(client.handle), Catch::Contains("1 and 4"));
    CHECK(fx.emulator().log().empty());
}

TEST_CASE("C ABI: plain http to a non-loopback host is refused") {
    genlayer_client_options options{sizeof options, "k", "http://example.com", 0, nullptr, nullptr, 0};
    genlayer_client* client = nullptr;
    CHECK(genlayer_client_create(&options, &client) == GENLAYER_INVALID_REQUEST);
    CHECK(client == nullptr);
    CHECK_THAT(genlayer_last_error_message(), Catch::Contains("https"));
}

TEST_CASE("C ABI: the wakeup descriptor turns readable at each change, and a poll clears it") {
    Fixture fx({"--gen-ms", "0", "--hold-status", "1"});  // the job waits on its first status call
    Client client(fx);
    auto request = text_request("a gated lighthouse");
    genlayer_job* job = nullptr;
    REQUIRE(genlayer_job_start(client.handle, &request, &job) == GENLAYER_OK);
    const int fd = genlayer_job_wakeup_fd(job);
    REQUIRE(fd >= 0);
    fx.emulator().wait_for({{"held_status", 1}});
    CHECK(readable(fd, 0));  // submitted since the start, and nobody asked

    genlayer_progress progress{};
    progress.struct_size = sizeof progress;
    REQUIRE(genlayer_job_poll(job, &progress) == GENLAYER_OK);
    CHECK(progress.state == GENLAYER_JOB_QUEUED);
    CHECK_FALSE(readable(fd, 0));  // nothing changes while the server holds the answer

    fx.emulator().release({{"status", "all"}});
    // The host's loop with no timer: it asks only when told to.
    while (!genlayer_job_state_is_final(progress.state)) {
        REQUIRE(readable(fd, 30000));
        REQUIRE(genlayer_job_poll(job, &progress) == GENLAYER_OK);
    }
    CHECK(progress.state == GENLAYER_JOB_DONE);
    CHECK_FALSE(readable(fd, 0));
    CHECK(genlayer_job_wakeup_fd(nullptr) == -1);
    genlayer_job_destroy(job);
}

TEST_CASE("C ABI: cancel while the task is held on the server ends the job as cancelled") {
    Fixture fx({"--gen-ms", "300", "--hold-tasks", "1"});  // only the cancel can end this job
    Client client(fx);
    auto request = text_request("slow");
    genlayer_job* job = nullptr;
    REQUIRE(genlayer_job_start(client.handle, &request, &job) == GENLAYER_OK);
    poll_until_final(job, GENLAYER_JOB_QUEUED);
    genlayer_job_cancel(job);
    const auto progress = poll_until_final(job);
    CHECK(progress.state == GENLAYER_JOB_CANCELLED);
    CHECK(genlayer_job_status(job) == GENLAYER_CANCELLED);
    CHECK_THAT(genlayer_job_message(job), Catch::Contains("keeps running on the server"));
    genlayer_job_destroy(job);
}

TEST_CASE("C ABI: cancel aborts a download the server holds half-sent") {
    Fixture fx({"--gen-ms", "100", "--result-size", "2048x2048"});
    fx.emulator().arm({{"hold_downloads", 1}});
    Client client(fx);
    auto request = text_request("stalled download");
    genlayer_job* job = nullptr;
    REQUIRE(genlayer_job_start(client.handle, &request, &job) == GENLAYER_OK);
    poll_until_final(job, GENLAYER_JOB_DOWNLOADING);
    fx.emulator().wait_for({{"held_downloads", 1}});  // half the file sent, the rest held
    genlayer_job_cancel(job);
    poll_until_final(job);
    // A download left to its stall timeout would end as a network error instead.
    CHECK(genlayer_job_status(job) == GENLAYER_CANCELLED);
    genlayer_job_destroy(job);
}

TEST_CASE("C ABI: a host built against a shorter request struct still works") {
    Fixture fx;
    Client client(fx);
    auto request = text_request("old host");
    request.struct_size = offsetof(genlayer_request, response_format);  // knows only up to n
    request.timeout_s = 0.001;                                          // beyond its struct_size: must be ignored
    genlayer_job* job = nullptr;
    REQUIRE(genlayer_job_start(client.handle, &request, &job) == GENLAYER_OK);
    CHECK(poll_until_final(job).state == GENLAYER_JOB_DONE);
    genlayer_job_destroy(job);
}

TEST_CASE("C ABI: a submitted task is collected by id") {
    Fixture fx({"--gen-ms", "300", "--hold-tasks", "1"});
    std::string task_id;
    {
        Client client(fx);
        auto request = text_request("collect me");
        genlayer_job* job = nullptr;
        REQUIRE(genlayer_job_start(client.handle, &request, &job) == GENLAYER_OK);
        poll_until_final(job, GENLAYER_JOB_QUEUED);
        task_id = genlayer_job_task_id(job);
        genlayer_job_destroy(job);  // as if the host quit while the task generated
    }
    fx.emulator().release({{"tasks", task_id}});
    Client client(fx);
    genlayer_job* job = nullptr;
    REQUIRE(genlayer_job_collect(client.handle, task_id.c_str(), 30, &job) == GENLAYER_OK);
    CHECK(poll_until_final(job).state == GENLAYER_JOB_DONE);
    CHECK(genlayer_job_result_count(job) == 1);
    genlayer_job_destroy(job);
    CHECK(fx.count_requests("POST", "/v1/images/generations") == 1);
}

TEST_CASE("C ABI: final states, limits and status names") {
    for (uint32_t state = GENLAYER_JOB_PREPARING; state <= GENLAYER_JOB_CANCELLED; ++state)
        CHECK(genlayer_job_state_is_final(state) ==
              (state == GENLAYER_JOB_DONE || state == GENLAYER_JOB_FAILED || state == GENLAYER_JOB_CANCELLED));
    CHECK(genlayer_job_state_is_final(99) == 0);

    genlayer_limits limits{};
    limits.struct_size = sizeof limits;
    genlayer_get_limits(&limits);
    CHECK(limits.max_prompt_chars == 32000);
    CHECK(limits.min_images == 1);
    CHECK(limits.max_images == 4);
    CHECK(limits.max_references == 16);
    CHECK(limits.price_per_image_usd == 0.015);
    CHECK(limits.default_timeout_s == 300);
    CHECK(std::string(limits.default_model) == "gpt-image-2");

    // A host built against a shorter struct gets only what it has room for.
    struct {
        genlayer_limits head;
        uint32_t canary;
    } older{};
    older.head.struct_size = offsetof(genlayer_limits, min_images);
    older.canary = 0xC0FFEE;
    genlayer_get_limits(&older.head);
    CHECK(older.head.max_prompt_chars == 32000);
    CHECK(older.head.min_images == 0);
    CHECK(older.canary == 0xC0FFEE);

    CHECK(std::string(genlayer_status_name(GENLAYER_RATE_LIMITED)) == "RATE_LIMITED");
    CHECK_THAT(genlayer_size_table_json(), Catch::Contains("2048x1152"));
}
