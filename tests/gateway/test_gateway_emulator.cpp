// The gateway emulator, tested over loopback with a plain HTTP client: the
// integration tests of the real client rely on everything asserted here.
#include "base/base64.hpp"
#include "emulated_generation.hpp"
#include "emulator_process.hpp"
#include "image/image_codec.hpp"

#include <httplib.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sys/wait.h>
#include <unistd.h>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <future>
#include <set>
#include <thread>

using genlayer::testing::EmulatorProcess;
using nlohmann::json;

namespace {

constexpr const char* kKey = "test-key";

httplib::Client api_client(const EmulatorProcess& emulator, const std::string& key = kKey) {
    httplib::Client client(emulator.api_url());
    if (!key.empty()) client.set_bearer_token_auth(key.c_str());
    return client;
}

std::string path_of(const std::string& url, const std::string& origin) {
    REQUIRE(url.starts_with(origin + "/"));
    return url.substr(origin.size());
}

json body_of(const httplib::Result& answer) {
    REQUIRE(answer);
    return json::parse(answer->body);
}

httplib::Result submit(httplib::Client& client, const json& body) {
    return client.Post("/v1/images/generations", body.dump(), "application/json");
}

std::string submit_ok(httplib::Client& client, const json& body) {
    const auto answer = submit(client, body);
    REQUIRE(answer);
    INFO(answer->body);
    REQUIRE(answer->status == 200);
    const json task = json::parse(answer->body);
    CHECK(task["status"] == "queued");
    CHECK(task["progress"] == 0);
    CHECK(task["object"] == "generation.task");
    return task["id"];
}

httplib::Result status_of(httplib::Client& client, const std::string& id) {
    return client.Get("/v1/images/generations/" + id);
}

bool is_final(const json& task) { return task["status"] == "completed" || task["status"] == "failed"; }

// Polls until `reached` holds for the task's status; the statuses seen on
// the way, in order. The deadline only bounds a hang.
std::vector<json> poll_until(httplib::Client& client, const std::string& id,
                             const std::function<bool(const json&)>& reached) {
    std::vector<json> seen;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < deadline) {
        const auto answer = status_of(client, id);
        REQUIRE(answer);
        REQUIRE(answer->status == 200);
        seen.push_back(json::parse(answer->body));
        if (reached(seen.back())) return seen;
        std::this_thread::sleep_for(std::chrono::milliseconds(40));  // a polling interval, not a synchronisation
    }
    FAIL("task " << id << " did not reach the awaited status within 60 s");
    return seen;
}

// Polls until the task is final; the statuses seen on the way, in order.
std::vector<json> poll_to_end(httplib::Client& client, const std::string& id) {
    return poll_until(client, id, is_final);
}

json final_status(httplib::Client& client, const std::string& id) { return poll_to_end(client, id).back(); }

genlayer::RgbaImage decode(const std::string& bytes) {
    return genlayer::decode_image({reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()});
}

// A reference with a gradient and partial transparency (the emulator returns opaque images).
genlayer::RgbaImage make_reference(uint32_t width, uint32_t height) {
    genlayer::RgbaImage image(width, height);
    for (uint32_t y = 0; y < height; ++y)
        for (uint32_t x = 0; x < width; ++x) {
            uint8_t* pixel = image.row(y) + 4 * x;
            pixel[0] = uint8_t(x * 255 / width);
            pixel[1] = uint8_t(y * 255 / height);
            pixel[2] = uint8_t((x + y) % 256);
            pixel[3] = uint8_t(x < width / 2 ? 255 : 128);
        }
    return image;
}

json upload_png(httplib::Client& client, const genlayer::RgbaImage& image) {
    const auto png = genlayer::encode_png(genlayer::view_of(image), genlayer::kFastPngCompression);
    const httplib::MultipartFormDataItems items = {
        {"file", std::string(png.bytes.begin(), png.bytes.end()), "reference.png", "image/png"}};
    const auto answer = client.Post("/v1/uploads/images", items);
    REQUIRE(answer);
    INFO(answer->body);
    REQUIRE(answer->status == 200);
    return json::parse(answer->body);
}

json api_error_of(const httplib::Result& answer, int http_status) {
    REQUIRE(answer);
    INFO(answer->body);
    CHECK(answer->status == http_status);
    const json body = json::parse(answer->body);
    REQUIRE(body.contains("error"));
    CHECK(body["error"]["message"].is_string());
    return body["error"];
}

json text_request(const std::string& prompt) { return {{"model", "gpt-image-2"}, {"prompt", prompt}}; }

size_t count_if_status(const json& log, const std::string& path_prefix, int status) {
    return size_t(std::count_if(log.begin(), log.end(), [&](const json& entry) {
        return entry["path"].get<std::string>().starts_with(path_prefix) && entry["status"] == status;
    }));
}

}  // namespace

TEST_CASE("upload, submit with the URL, poll and download give the predicted pixels", "[gateway]") {
    // Held, so that the polls see it in_progress however slowly they come.
    EmulatorProcess emulator({"--gen-ms", "300", "--hold-tasks", "1"});
    auto api = api_client(emulator);
    const genlayer::RgbaImage reference = make_reference(96, 64);

    const json upload = upload_png(api, reference);
    CHECK(upload["success"] == true);
    CHECK(upload["data"]["mime_type"] == "image/png");
    CHECK(upload["data"]["id"].get<std::string>().starts_with("upload_"));
    const std::string reference_url = upload["data"]["url"];
    CHECK(reference_url.starts_with(emulator.files_url() + "/uploads/"));

    const std::string prompt = "make it teal";
    const std::string id = submit_ok(api, {{"model", "gpt-image-2"},
                                           {"prompt", prompt},
                                           {"size", "1536x1024"},
                                           {"resolution", "1536"},
                                           {"reference_images", {reference_url}}});

    std::vector<json> seen = poll_until(api, id, [](const json& task) { return task["status"] == "in_progress"; });
    emulator.release({{"tasks", id}});
    const std::vector<json> rest = poll_to_end(api, id);
    seen.insert(seen.end(), rest.begin(), rest.end());
    const json& done = seen.back();
    REQUIRE(done["status"] == "completed");
    CHECK(done["progress"] == 100);
    CHECK(done["completed_at"].get<long long>() >= done["created_at"].get<long long>());
    CHECK(done["expires_at"].get<long long>() == done["completed_at"].get<long long>() + 86400);
    bool saw_in_progress = false;
    for (size_t i = 1; i < seen.size(); ++i) {
        CHECK(seen[i]["progress"].get<int>() >= seen[i - 1]["progress"].get<int>());
        saw_in_progress = saw_in_progress || seen[i]["status"] == "in_progress";
    }
    CHECK(saw_in_progress);

    const std::string result_url = done["result"]["data"][0]["url"];
    CHECK(done["url"] == result_url);
    httplib::Client files(emulator.files_url());
    const auto download = files.Get(path_of(result_url, emulator.files_url()));
    REQUIRE(download);
    REQUIRE(download->status == 200);
    CHECK(download->get_header_value("Content-Type") == "image/png");

    const genlayer::RgbaImage result = decode(download->body);
    const genlayer::RgbaImage expected = genlayer::render_generation(prompt, 1536, 1024, &reference, 0);
    REQUIRE(result.width == 1536);
    REQUIRE(result.height == 1024);
    CHECK(result.pixels == expected.pixels);
    CHECK(result.row(0)[4 * 1535 + 3] == 255);  // opaque even where the reference was not

    const auto uploaded = files.Get(path_of(reference_url, emulator.files_url()));
    REQUIRE(uploaded);
    CHECK(decode(uploaded->body).pixels == reference.pixels);

    // The key went to the API port only.
    const json log = emulator.log();
    for (const json& entry : log) CHECK(entry["authorization"] == (entry["port"] == "api"));
    CHECK(count_if_status(log, "/generated/", 200) == 1);
}

TEST_CASE("text-only generations draw the prompt, one image per index, also as b64_json", "[gateway]") {
    EmulatorProcess emulator({"--gen-ms", "0"});
    auto api = api_client(emulator);
    const std::string prompt = "a lighthouse at dusk";
    json request = text_request(prompt);
    request["n"] = 2;
    request["response_format"] = "b64_json";
    const json done = final_status(api, submit_ok(api, request));
    REQUIRE(done["status"] == "completed");
    REQUIRE(done["result"]["data"].size() == 2);
    CHECK_FALSE(done.contains("url"));

    std::vector<genlayer::RgbaImage> images;
    for (int index = 0; index < 2; ++index) {
        const auto png = genlayer::decode_base64(done["result"]["data"][index]["b64_json"].get<std::string>());
        REQUIRE(png);
        images.push_back(genlayer::decode_image(*png));
        CHECK(images.back().width == 1024);  // the documented default size
        CHECK(images.back().pixels == genlayer::render_generation(prompt, 1024, 1024, nullptr, index).pixels);
    }
    CHECK(images[0].pixels != images[1].pixels);
    CHECK(genlayer::render_generation("another prompt", 64, 64, nullptr, 0).pixels !=
          genlayer::render_generation(prompt, 64, 64, nullptr, 0).pixels);
}

TEST_CASE("the result-size option replaces the requested size", "[gateway]") {
    EmulatorProcess emulator({"--gen-ms", "0", "--result-size", "320x200"});
    auto api = api_client(emulator);
    const json done = final_status(api, submit_ok(api, text_request("wide")));
    httplib::Client files(emulator.files_url());
    const auto download = files.Get(path_of(done["result"]["data"][0]["url"], emulator.files_url()));
    REQUIRE(download);
    const genlayer::RgbaImage image = decode(download->body);
    CHECK(image.width == 320);
    CHECK(image.height == 200);
}

TEST_CASE("API calls need a Bearer key, the files port and control endpoints do not", "[gateway]") {
    EmulatorProcess emulator({"--api-key", "right-key", "--gen-ms", "0"});
    auto without_key = api_client(emulator, "");
    const json missing = api_error_of(submit(without_key, text_request("x")), 401);
    CHECK(missing["type"] == "authentication_error");
    CHECK(missing["code"] == 401);

    auto wrong_key = api_client(emulator, "wrong-key");
    CHECK(api_error_of(status_of(wrong_key, "task_img_000000000001"), 401)["type"] == "authentication_error");

    auto right_key = api_client(emulator, "right-key");
    const json done = final_status(right_key, submit_ok(right_key, text_request("x")));
    httplib::Client files(emulator.files_url());
    CHECK(files.Get(path_of(done["result"]["data"][0]["url"], emulator.files_url()))->status == 200);
    // A client that wrongly sends the key there is still served, and the log tells.
    const auto leaked = files.Get(path_of(done["result"]["data"][0]["url"], emulator.files_url()),
                                  {{"Authorization", "Bearer right-key"}});
    CHECK(leaked->status == 200);
    CHECK(emulator.tasks().size() == 1);

    const json log = emulator.log();
    REQUIRE(log.size() == 6);
    CHECK(log[4]["port"] == "files");
    CHECK(log[4]["authorization"] == false);
    CHECK(log[5]["authorization"] == true);
    for (size_t i = 0; i < log.size(); ++i) CHECK(log[i]["seq"] == i + 1);
}

TEST_CASE("bad requests get the spec's error shapes", "[gateway]") {
    EmulatorProcess emulator;
    auto api = api_client(emulator);

    SECTION("a size that does not belong to the resolution") {
        json request = text_request("x");
        request["size"] = "1536x1024";
        request["resolution"] = "2048";
        const json error = api_error_of(submit(api, request), 400);
        CHECK(error["type"] == "invalid_request_error");
        CHECK(error["code"] == "invalid_request_error");
    }
    SECTION("a size not in the table, and auto") {
        json request = text_request("x");
        request["size"] = "1000x1000";
        CHECK(api_error_of(submit(api, request), 400)["type"] == "invalid_request_error");
        request["size"] = "auto";
        CHECK(api_error_of(submit(api, request), 400)["type"] == "invalid_request_error");
    }
    SECTION("n, prompt, model and response_format") {
        for (const json& change :
             {json{{"n", 5}}, json{{"n", 0}}, json{{"prompt", ""}}, json{{"prompt", std::string(32001, 'a')}},
              json{{"model", "dall-e-3"}}, json{{"response_format", "png"}}}) {
            json request = text_request("x");
            request.update(change);
            INFO(change.dump().substr(0, 60));
            CHECK(api_error_of(submit(api, request), 400)["type"] == "invalid_request_error");
        }
        CHECK(api_error_of(api.Post("/v1/images/generations", "{not json", "application/json"), 400)["type"] ==
              "invalid_request_error");
    }
    SECTION("a base64 or local reference, under either field name") {
        for (const char* field : {"reference_images", "image_urls"})
            for (const char* reference : {"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEA",
                                          "data:image/png;base64,iVBORw0KGgo=", "/home/me/cat.png"}) {
                json request = text_request("x");
                request[field] = {reference};
                CHECK(api_error_of(submit(api, request), 400)["type"] == "invalid_reference_images");
            }
    }
    SECTION("more than 16 references") {
        json request = text_request("x");
        request["reference_images"] = std::vector<std::string>(17, emulator.files_url() + "/uploads/a.png");
        CHECK(api_error_of(submit(api, request), 400)["type"] == "invalid_reference_images");
    }
    SECTION("an upload over 10 MB, of an unknown type, or without the file field (shape B)") {
        std::string too_large(10 * 1024 * 1024 + 1, '\0');
        too_large.replace(0, 8, "\x89PNG\r\n\x1A\n");
        const std::pair<std::string, std::string> cases[] = {
            {too_large, "Image too large. Maximum size is 10MB"},
            {"just some text", "Unsupported image type. Allowed types: JPEG, PNG, WebP, GIF"}};
        for (const auto& [content, message] : cases) {
            const auto answer = api.Post("/v1/uploads/images",
                                         httplib::MultipartFormDataItems{{"file", content, "f.png", "image/png"}});
            REQUIRE(answer);
            CHECK(answer->status == 400);
            CHECK(json::parse(answer->body) == json{{"success", false}, {"message", message}});
        }
        const auto no_file =
            api.Post("/v1/uploads/images", httplib::MultipartFormDataItems{{"purpose", "generation", "", ""}});
        CHECK(json::parse(no_file->body)["success"] == false);
    }
    SECTION("an unknown task and an unknown endpoint") {
        CHECK(api_error_of(status_of(api, "task_img_ffffffffffff"), 404)["type"] == "not_found_error");
        CHECK(api_error_of(api.Post("/v1/chat/completions", "{}", "application/json"), 404)["type"] ==
              "not_found_error");
    }
    CHECK(emulator.tasks().empty());
}

TEST_CASE("prompt conventions refuse, fail, and unknown references fail the task", "[gateway]") {
    EmulatorProcess emulator({"--gen-ms", "0"});
    auto api = api_client(emulator);
    CHECK(api_error_of(submit(api, text_request("a cat [refuse]")), 422)["type"] == "content_policy_violation");
    CHECK(emulator.tasks().empty());

    const json failed = final_status(api, submit_ok(api, text_request("a cat [fail]")));
    CHECK(failed["status"] == "failed");
    CHECK(failed["error"] ==
          json{{"code", "generation_failed"}, {"message", "call upstream API failed: emulated failure"}});

    json elsewhere = text_request("a cat");
    elsewhere["image_urls"] = {"https://example.com/cat.png"};
    const json unfetched = final_status(api, submit_ok(api, elsewhere));
    CHECK(unfetched["status"] == "failed");
    CHECK(unfetched["error"]["message"] == "could not fetch reference image");
    CHECK(emulator.tasks()[1]["status"] == "failed");
}

TEST_CASE("the max-active limit answers 429 with Retry-After until a task of that key finishes", "[gateway]") {
    EmulatorProcess emulator({"--max-active", "1", "--gen-ms", "0", "--hold-tasks", "1"});
    auto api = api_client(emulator);
    const std::string first = submit_ok(api, text_request("first"));
    const auto refused = submit(api, text_request("second"));
    CHECK(api_error_of(refused, 429)["type"] == "rate_limit_exceeded");
    CHECK(refused->get_header_value("Retry-After") == "1");  // a held task has no completion time to tell
    CHECK(emulator.tasks().size() == 1);
    CHECK(emulator.state()["refused"] == 1);

    auto other_key = api_client(emulator, "another-key");
    submit_ok(other_key, text_request("someone else"));
    CHECK(emulator.tasks().size() == 2);

    emulator.release({{"tasks", first}});
    CHECK(final_status(api, first)["status"] == "completed");
    // Longer than any test runs: this task is unfinished whenever the next submit comes.
    emulator.arm({{"gen_ms", 3'600'000}});
    submit_ok(api, text_request("third"));
    const auto waiting = submit(api, text_request("fourth"));
    CHECK(api_error_of(waiting, 429)["type"] == "rate_limit_exceeded");
    const int retry_after = std::stoi(waiting->get_header_value("Retry-After"));
    CHECK(retry_after >= 1);
    CHECK(retry_after <= 3600);  // until that task finishes
    CHECK(emulator.state()["refused"] == 2);
}

TEST_CASE("each fault fires exactly as often as armed", "[gateway]") {
    EmulatorProcess emulator({"--gen-ms", "0"});
    auto api = api_client(emulator);
    httplib::Client files(emulator.files_url());
    const std::string done_id = submit_ok(api, text_request("ready"));
    const json done = final_status(api, done_id);
    const std::string result_path = path_of(done["result"]["data"][0]["url"], emulator.files_url());

    SECTION("fail_submits: 503 and no task") {
        emulator.arm({{"fail_submits", 2}});
        for (int i = 0; i < 2; ++i)
            CHECK(api_error_of(submit(api, text_request("x")), 503)["type"] == "internal_error");
        submit_ok(api, text_request("x"));
        CHECK(emulator.tasks().size() == 2);
    }
    SECTION("fail_submits_after_create: 500 after the task exists") {
        emulator.arm({{"fail_submits_after_create", 2}});
        for (int i = 0; i < 2; ++i) CHECK(api_error_of(submit(api, text_request("x")), 500)["code"] == 500);
        submit_ok(api, text_request("x"));
        CHECK(emulator.tasks().size() == 4);
    }
    SECTION("fail_status") {
        emulator.arm({{"fail_status", 2}});
        for (int i = 0; i < 2; ++i) CHECK(api_error_of(status_of(api, done_id), 500)["type"] == "internal_error");
        CHECK(status_of(api, done_id)->status == 200);
    }
    SECTION("rate_limit, on any API call") {
        emulator.arm({{"rate_limit", 2}});
        const auto first = status_of(api, done_id);
        CHECK(api_error_of(first, 429)["type"] == "rate_limit_exceeded");
        CHECK(first->get_header_value("Retry-After") == "1");
        CHECK(api_error_of(submit(api, text_request("x")), 429)["code"] == 429);
        CHECK(status_of(api, done_id)->status == 200);
    }
    SECTION("truncate_json") {
        emulator.arm({{"truncate_json", 2}});
        for (int i = 0; i < 2; ++i) {
            const auto cut = status_of(api, done_id);
            CHECK(cut->status == 200);
            CHECK_FALSE(json::accept(cut->body));
            CHECK(cut->body.starts_with("{\""));
        }
        CHECK(json::accept(status_of(api, done_id)->body));
    }
    SECTION("malformed_json") {
        emulator.arm({{"malformed_json", 2}});
        for (int i = 0; i < 2; ++i) CHECK_FALSE(json::accept(status_of(api, done_id)->body));
        CHECK(json::accept(status_of(api, done_id)->body));
    }
    SECTION("drop_downloads: half the body, then the connection closes") {
        emulator.arm({{"drop_downloads", 2}});
        for (int i = 0; i < 2; ++i) {
            std::string received;
            const auto dropped = files.Get(result_path, [&](const char* data, size_t length) {
                received.append(data, length);
                return true;
            });
            CHECK_FALSE(dropped);
            CHECK_FALSE(received.empty());
        }
        const auto whole = files.Get(result_path);
        REQUIRE(whole);
        CHECK(decode(whole->body).width == 1024);
    }
    SECTION("slow_downloads_ms") {
        emulator.arm({{"slow_downloads_ms", 300}});
        const auto start = std::chrono::steady_clock::now();
        CHECK(files.Get(result_path)->status == 200);
        CHECK(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(300));
    }
    SECTION("stall_tasks: in_progress at 50 % forever") {
        emulator.arm({{"stall_tasks", 1}});
        const std::string stalled = submit_ok(api, text_request("stuck"));
        const std::string finished = submit_ok(api, text_request("free"));
        CHECK(final_status(api, finished)["status"] == "completed");
        const json stuck = body_of(status_of(api, stalled));
        CHECK(stuck["status"] == "in_progress");
        CHECK(stuck["progress"] == 50);
        const json tasks = emulator.tasks();
        CHECK(tasks[1]["completes_at_ms"].is_null());
        CHECK(tasks[1]["polls"] == 1);
        CHECK(tasks[2]["completes_at_ms"].is_number());
    }
    SECTION("expire_results") {
        emulator.arm({{"expire_results", true}});
        CHECK(files.Get(result_path)->status == 404);
        const json expired = body_of(status_of(api, done_id));
        const long long now =
            std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
                .count();
        CHECK(expired["expires_at"].get<long long>() < now);
        emulator.arm({{"expire_results", false}});
        CHECK(files.Get(result_path)->status == 200);
    }
    SECTION("gen_ms applies to tasks created from then on") {
        // Queued for its first tenth, 10'000 s: longer than any test runs.
        emulator.arm({{"gen_ms", 100'000'000}});
        const std::string slow = submit_ok(api, text_request("slow"));
        CHECK(body_of(status_of(api, slow))["status"] == "queued");
        const json task = emulator.tasks()[1];
        CHECK(task["completes_at_ms"].get<long long>() - task["created_ms"].get<long long>() == 100'000'000);
    }
    SECTION("an unknown fault is refused and nothing is armed") {
        CHECK_THROWS_AS(emulator.arm({{"fail_status", 1}, {"set_on_fire", 1}}), std::runtime_error);
        CHECK(status_of(api, done_id)->status == 200);
    }
}

TEST_CASE("faults given on the command line are armed at start, and the log file holds the same entries", "[gateway]") {
    const std::filesystem::path log_file =
        std::filesystem::temp_directory_path() / ("genlayer-gateway-log-" + std::to_string(::getpid()) + ".jsonl");
    std::filesystem::remove(log_file);
    EmulatorProcess emulator({"--fail-status", "1", "--gen-ms", "0", "--hold-downloads", "2", "--hold-submits", "3",
                              "--log", log_file.string()});
    auto api = api_client(emulator);
    const json plan = body_of(httplib::Client(emulator.api_url()).Get("/_emulator/faults"));
    CHECK(plan["hold_downloads"] == 2);
    CHECK(plan["hold_submits"] == 3);
    emulator.arm({{"hold_submits", 0}});
    const std::string id = submit_ok(api, text_request("x"));
    CHECK(status_of(api, id)->status == 500);
    CHECK(status_of(api, id)->status == 200);
    const json log = emulator.log();
    CHECK(count_if_status(log, "/v1/images/generations/", 500) == 1);
    for (const json& entry : log) CHECK_FALSE(entry["path"].get<std::string>().starts_with("/_emulator"));

    std::ifstream lines(log_file);
    json written = json::array();
    for (std::string line; std::getline(lines, line);) written.push_back(json::parse(line));
    CHECK(written == log);
    std::filesystem::remove(log_file);
}

TEST_CASE("a held task runs its timeline but finishes only once released, by id, by count or all", "[gateway]") {
    EmulatorProcess emulator({"--gen-ms", "0", "--hold-tasks", "2"});
    auto api = api_client(emulator);
    const std::string first = submit_ok(api, text_request("first"));
    const std::string second = submit_ok(api, text_request("second"));
    const std::string free = submit_ok(api, text_request("free"));
    CHECK(final_status(api, free)["status"] == "completed");

    const json held = body_of(status_of(api, first));
    CHECK(held["status"] == "in_progress");
    CHECK(held["progress"] == 99);  // its generation time has passed; it only waits for the release
    CHECK(emulator.state() == json{{"tasks", 3},
                                   {"active", 2},
                                   {"most_active", 2},
                                   {"held", 2},
                                   {"held_submits", 0},
                                   {"held_downloads", 0},
                                   {"held_status", 0},
                                   {"refused", 0}});
    const json tasks = emulator.tasks();
    CHECK(tasks[0]["held"] == true);
    CHECK(tasks[0]["completes_at_ms"].is_null());
    CHECK(tasks[2]["held"] == false);

    CHECK(emulator.release({{"tasks", first}}) == json{{"tasks", {first}}});
    const json done = final_status(api, first);
    CHECK(done["status"] == "completed");
    CHECK(done["progress"] == 100);
    CHECK(emulator.tasks()[0]["completes_at_ms"].get<long long>() >= tasks[0]["created_ms"].get<long long>());
    CHECK(body_of(status_of(api, second))["status"] == "in_progress");

    // What is not held is refused, and nothing goes.
    CHECK_THROWS_WITH(emulator.release({{"tasks", json::array({second, first})}}),
                      Catch::Contains("There is no held task " + first + "."));
    CHECK_THROWS_WITH(emulator.release({{"tasks", 2}}), Catch::Contains("Only 1 tasks are held, not 2."));
    CHECK_THROWS_AS(emulator.release({{"tasks", "all"}, {"nothing", 1}}), std::runtime_error);
    CHECK(emulator.state()["held"] == 1);

    CHECK(emulator.release({{"tasks", 1}}) == json{{"tasks", {second}}});
    CHECK(final_status(api, second)["status"] == "completed");
    CHECK(emulator.release({{"tasks", "all"}}) == json{{"tasks", json::array()}});

    // Released before its generation time is up, a task still takes all of it.
    emulator.arm({{"gen_ms", 100'000'000}, {"hold_tasks", 1}});
    const std::string slow = submit_ok(api, text_request("slow"));
    CHECK(emulator.release({{"tasks", "all"}}) == json{{"tasks", {slow}}});
    const json released = emulator.tasks()[3];
    CHECK(released["completes_at_ms"].get<long long>() - released["created_ms"].get<long long>() == 100'000'000);
    CHECK(body_of(status_of(api, slow))["status"] == "queued");
}

TEST_CASE("hold-until-active holds every task until that many are unfinished at once, then lets them run",
          "[gateway]") {
    EmulatorProcess emulator({"--gen-ms", "0", "--hold-until-active", "3"});
    auto api = api_client(emulator);
    const std::string a = submit_ok(api, text_request("a"));
    const std::string b = submit_ok(api, text_request("b"));
    CHECK(body_of(status_of(api, a))["status"] == "in_progress");
    CHECK(emulator.state()["held"] == 2);
    const std::string c = submit_ok(api, text_request("c"));
    for (const std::string& id : {a, b, c}) CHECK(final_status(api, id)["status"] == "completed");
    CHECK(emulator.state()["most_active"] == 3);
    CHECK(emulator.state()["held"] == 0);

    // The barrier is gone: the next task runs at once.
    const json plan = body_of(httplib::Client(emulator.api_url()).Get("/_emulator/faults"));
    CHECK(plan["hold_until_active"] == 0);
    const std::string d = submit_ok(api, text_request("d"));
    CHECK(final_status(api, d)["status"] == "completed");
    CHECK(emulator.state()["most_active"] == 3);
}

TEST_CASE("a held submit creates nothing and is answered once released", "[gateway]") {
    EmulatorProcess emulator({"--gen-ms", "0", "--hold-submits", "1"});
    auto answer = std::async(std::launch::async, [&] {
        auto api = api_client(emulator);
        api.set_read_timeout(std::chrono::seconds(60));
        return submit(api, text_request("waits"));
    });
    CHECK(emulator.wait_for({{"held_submits", 1}})["held_submits"] == 1);
    CHECK(emulator.tasks().empty());
    CHECK(answer.wait_for(std::chrono::seconds(0)) == std::future_status::timeout);

    CHECK(emulator.release({{"submits", "all"}}) == json{{"submits", 1}});
    const auto submitted = answer.get();
    REQUIRE(submitted);
    CHECK(submitted->status == 200);
    CHECK(emulator.tasks().size() == 1);
    CHECK(emulator.state()["held_submits"] == 0);
    CHECK_THROWS_WITH(emulator.release({{"submits", 1}}), Catch::Contains("Only 0 such requests are held, not 1."));

    auto api = api_client(emulator);
    submit_ok(api, text_request("not held"));  // the hold was for one submit
}

TEST_CASE("a held status call is answered once released", "[gateway]") {
    EmulatorProcess emulator({"--gen-ms", "0", "--hold-status", "1"});
    auto api = api_client(emulator);
    const std::string id = submit_ok(api, text_request("asked about"));
    auto answer = std::async(std::launch::async, [&] {
        auto held_api = api_client(emulator);
        held_api.set_read_timeout(std::chrono::seconds(60));
        return status_of(held_api, id);
    });
    CHECK(emulator.wait_for({{"held_status", 1}})["held_status"] == 1);
    CHECK(answer.wait_for(std::chrono::seconds(0)) == std::future_status::timeout);

    CHECK(emulator.release({{"status", "all"}}) == json{{"status", 1}});
    const auto answered = answer.get();
    REQUIRE(answered);
    CHECK(body_of(answered)["status"] == "completed");
    CHECK(status_of(api, id)->status == 200);  // the hold was for one status call
}

TEST_CASE("a held download sends half the file and the rest once released", "[gateway]") {
    EmulatorProcess emulator({"--gen-ms", "0"});
    auto api = api_client(emulator);
    const json done = final_status(api, submit_ok(api, text_request("halves")));
    const std::string result_path = path_of(done["result"]["data"][0]["url"], emulator.files_url());
    emulator.arm({{"hold_downloads", 1}});

    std::promise<void> first_bytes;
    auto download = std::async(std::launch::async, [&] {
        httplib::Client files(emulator.files_url());
        files.set_read_timeout(std::chrono::seconds(60));
        std::string received;
        const auto answer = files.Get(result_path, [&](const char* data, size_t length) {
            if (received.empty()) first_bytes.set_value();
            received.append(data, length);
            return true;
        });
        return std::make_pair(answer && answer->status == 200, received);
    });
    CHECK(emulator.wait_for({{"held_downloads", 1}})["held_downloads"] == 1);
    REQUIRE(first_bytes.get_future().wait_for(std::chrono::seconds(60)) == std::future_status::ready);
    CHECK(download.wait_for(std::chrono::seconds(0)) == std::future_status::timeout);

    CHECK(emulator.release({{"downloads", 1}}) == json{{"downloads", 1}});
    const auto [complete, body] = download.get();
    CHECK(complete);
    CHECK(decode(body).pixels == genlayer::render_generation("halves", 1024, 1024, nullptr, 0).pixels);
    httplib::Client files(emulator.files_url());
    CHECK(files.Get(result_path)->status == 200);  // the hold was for one download
}

TEST_CASE("wait answers once the state is reached, 408 when it is not, 400 for what it cannot wait for", "[gateway]") {
    EmulatorProcess emulator({"--gen-ms", "0"});
    auto reached = std::async(std::launch::async, [&] { return emulator.wait_for({{"tasks", 2}}); });
    auto api = api_client(emulator);
    submit_ok(api, text_request("one"));
    submit_ok(api, text_request("two"));
    CHECK(reached.get()["tasks"] == 2);

    // Nothing submits a third: the wait ends at its own timeout, whatever the pace.
    CHECK_THROWS_WITH(emulator.wait_for({{"tasks", 3}}, std::chrono::milliseconds(100)),
                      Catch::Contains("The emulator did not reach tasks 3 within 100 ms."));
    httplib::Client control(emulator.api_url());
    for (const char* query : {"", "?active=1", "?tasks=two", "?tasks=1&timeout_ms=600001"}) {
        INFO(query);
        const auto refused = control.Get(std::string("/_emulator/wait") + query);
        REQUIRE(refused);
        CHECK(refused->status == 400);
        CHECK(json::parse(refused->body)["error"].is_string());
    }
}

TEST_CASE("SIGTERM ends the emulator cleanly", "[gateway]") {
    EmulatorProcess emulator;
    const int status = emulator.stop();
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
}

TEST_CASE("SIGTERM lets a held request go and ends the emulator cleanly", "[gateway]") {
    EmulatorProcess emulator({"--gen-ms", "0", "--hold-submits", "1"});
    auto held_submit = std::async(std::launch::async, [&] {
        auto api = api_client(emulator);
        api.set_read_timeout(std::chrono::seconds(60));
        return submit(api, text_request("held at the end"));
    });
    emulator.wait_for({{"held_submits", 1}});
    // A server whose worker stays held cannot stop: stop() would end in SIGKILL after 5 s.
    const int status = emulator.stop();
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    held_submit.get();
}

TEST_CASE("queue-seed: tasks wait in a queue of their own length, spelled queued or submitted", "[gateway]") {
    EmulatorProcess emulator({"--queue-seed", "5", "--gen-ms", "600000"});
    auto api = api_client(emulator);
    emulator.arm({{"queue_ms", 600000}});  // queued for the whole test
    std::set<std::string> spellings;
    for (int i = 0; i < 12; ++i) {
        const json submitted = body_of(submit(api, text_request("queue " + std::to_string(i))));
        const json task = body_of(status_of(api, submitted["id"]));
        CHECK(task["status"] == submitted["status"]);
        CHECK(task["progress"] == 0);
        spellings.insert(task["status"].get<std::string>());
    }
    CHECK(spellings == std::set<std::string>{"queued", "submitted"});

    emulator.arm({{"queue_ms", nullptr}});  // drawn from the seed and the prompt
    const std::string a = body_of(submit(api, text_request("same prompt")))["id"];
    const std::string b = body_of(submit(api, text_request("same prompt")))["id"];
    const json tasks = emulator.tasks();
    REQUIRE(tasks.size() == 14);
    CHECK(tasks[0]["queue_ms"] == 600000);
    CHECK(tasks[12]["id"] == a);
    CHECK(tasks[12]["queue_ms"] == tasks[13]["queue_ms"]);
    CHECK(tasks[12]["queue_ms"].get<long long>() <= 300000);
    CHECK(body_of(api.Get("/_emulator/faults"))["queue_seed"] == 5);
    CHECK(b != a);

    emulator.arm({{"queue_ms", 0}});  // running at once, progress rising from 0
    const json running = body_of(status_of(api, body_of(submit(api, text_request("no queue")))["id"]));
    CHECK(running["status"] == "in_progress");
    CHECK(running["progress"] == 0);
}
