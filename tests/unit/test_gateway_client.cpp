#include "gateway/gateway_client.hpp"
#include "loopback_server.hpp"
#include "status_of.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <future>
#include <mutex>

using namespace genlayer;
using genlayer::test::closed_port;
using genlayer::test::loopback_url;
using genlayer::test::LoopbackServer;
using genlayer::test::SilentListener;
using genlayer::test::status_of;
using std::chrono::milliseconds;

namespace {

const std::string kKey = "sk-test-0123456789";
const std::string kQueuedTask = R"({"id": "task_1", "status": "queued", "progress": 0})";

// What a server saw, written from its threads and read by the test.
class Recorder {
public:
    struct Seen {
        std::string path;
        std::string authorization;
        std::string body;
    };
    void add(const httplib::Request& request) {
        std::lock_guard lock(mutex_);
        seen_.push_back({request.path, request.get_header_value("Authorization"), request.body});
    }
    std::vector<Seen> seen() const {
        std::lock_guard lock(mutex_);
        return seen_;
    }
    size_t count() const { return seen().size(); }

private:
    mutable std::mutex mutex_;
    std::vector<Seen> seen_;
};

GatewayClient::Config config_for(const std::string& base_url, std::string key = kKey) {
    GatewayClient::Config config;
    config.base_url = base_url;
    config.api_key = std::move(key);
    config.deadline = Clock::now() + std::chrono::seconds(10);
    config.backoff = {milliseconds(20), milliseconds(100), 0.2, 4};
    return config;
}

ResolvedRequest sample_request() {
    ResolvedRequest request;
    request.prompt = "a red fox";
    request.model = "gpt-image-2";
    request.size = {genlayer::SizeDialect::pixels, "1536x1024", "1536", 1536};
    request.n = 2;
    request.response_format = "url";
    return request;
}

// Answers with `statuses` in turn (the last one repeats), `body` on a 2xx.
auto scripted(Recorder& recorder, std::vector<int> statuses, std::string body) {
    return [&recorder, statuses, body, next = std::make_shared<std::atomic<size_t>>(0)](const httplib::Request& request,
                                                                                        httplib::Response& response) {
        recorder.add(request);
        response.status = statuses[std::min(next->fetch_add(1), statuses.size() - 1)];
        response.set_content(response.status < 300 ? body : R"({"error":{"message":"busy","type":"x"}})",
                             "application/json");
    };
}

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

}  // namespace

TEST_CASE("upload sends the image as the multipart field file with purpose=generation", "[gateway]") {
    Recorder recorder;
    const std::string files_base = loopback_url(closed_port(), "");
    LoopbackServer api([&](httplib::Server& s) {
        s.Post("/v1/uploads/images",
               [&](const httplib::Request& request, httplib::Response& response) {
                   recorder.add(request);
                   const auto file = request.get_file_value("file");
                   const bool as_documented = file.filename == "reference.jpg" && file.content_type == "image/jpeg" &&
                                              file.content == "JPEGDATA" &&
                                              request.get_file_value("purpose").content == "generation";
                   response.status = as_documented ? 200 : 400;
                   response.set_content(R"({"success": true, "message": "", "data": {"id": "upload_abc12345",
                "url": ")" + files_base + R"(/uploads/1.jpg", "mime_type": "image/jpeg", "size": 8}})",
                                        "application/json");
               });
    });
    GatewayClient client(config_for(api.url()), std::make_shared<CancelToken>());
    EncodedImage image;
    image.bytes = {'J', 'P', 'E', 'G', 'D', 'A', 'T', 'A'};
    image.mime_type = "image/jpeg";
    image.extension = "jpg";

    const UploadedImage uploaded = client.upload(image);
    CHECK(uploaded.id == "upload_abc12345");
    CHECK(uploaded.url == files_base + "/uploads/1.jpg");
    REQUIRE(recorder.count() == 1);
    CHECK(recorder.seen()[0].authorization == "Bearer " + kKey);
    CHECK(client.stats().bytes_uploaded > image.bytes.size());
}

TEST_CASE("an upload answer with a plain-http URL on another host is refused", "[gateway]") {
    Recorder recorder;
    LoopbackServer api([&](httplib::Server& s) {
        s.Post("/v1/uploads/images", scripted(recorder, {200}, R"({"success": true,
            "data": {"id": "u", "url": "http://files.example.com/u.jpg"}})"));
    });
    GatewayClient client(config_for(api.url()), std::make_shared<CancelToken>());
    EncodedImage image;
    image.bytes = {1, 2, 3};
    image.mime_type = "image/png";
    image.extension = "png";
    CHECK(status_of([&] { client.upload(image); }) == GENLAYER_BAD_RESPONSE);
}

TEST_CASE("submit sends the documented JSON body", "[gateway]") {
    Recorder recorder;
    LoopbackServer api(
        [&](httplib::Server& s) { s.Post("/v1/images/generations", scripted(recorder, {200}, kQueuedTask)); });
    GatewayClient client(config_for(api.url() + "/"), std::make_shared<CancelToken>());

    ResolvedRequest request = sample_request();
    const TaskInfo task = client.submit(request);
    CHECK(task.id == "task_1");
    CHECK(task.status == TaskStatus::queued);

    request.reference_urls = {"https://files.toapis.com/uploads/1.jpg"};
    client.submit(request);

    const auto seen = recorder.seen();
    REQUIRE(seen.size() == 2);
    const auto plain = nlohmann::json::parse(seen[0].body);
    CHECK(plain == nlohmann::json{{"model", "gpt-image-2"},
                                  {"prompt", "a red fox"},
                                  {"size", "1536x1024"},
                                  {"resolution", "1536"},
                                  {"n", 2},
                                  {"response_format", "url"}});
    const auto with_reference = nlohmann::json::parse(seen[1].body);
    CHECK(with_reference.at("reference_images") == nlohmann::json::array({"https://files.toapis.com/uploads/1.jpg"}));
}

TEST_CASE("the key goes to the API origin and never to a download on another port", "[gateway]") {
    Recorder api_seen, files_seen;
    LoopbackServer files(
        [&](httplib::Server& s) { s.Get("/generated/a.png", scripted(files_seen, {200}, "PNGBYTES")); });
    LoopbackServer api([&](httplib::Server& s) {
        s.Get("/v1/images/generations/task_1",
              scripted(api_seen, {200},
                       R"({"id": "task_1", "status": "completed", "result": {"data": [{"url": ")" +
                           files.url("/generated/a.png") + R"("}]}})"));
    });
    GatewayClient client(config_for(api.url()), std::make_shared<CancelToken>());

    const TaskInfo task = client.status("task_1");
    REQUIRE(task.results.size() == 1);
    const auto bytes = client.download(task.results[0].url, 1024);
    CHECK(std::string(bytes.begin(), bytes.end()) == "PNGBYTES");

    REQUIRE(api_seen.count() == 1);
    CHECK(api_seen.seen()[0].authorization == "Bearer " + kKey);
    REQUIRE(files_seen.count() == 1);
    CHECK(files_seen.seen()[0].authorization.empty());
    CHECK(client.stats().bytes_downloaded >= 8);
    CHECK(client.stats().requests == 2);
}

TEST_CASE("a download never carries the key, even to the API origin", "[gateway]") {
    Recorder recorder;
    LoopbackServer api([&](httplib::Server& s) { s.Get("/files/a.png", scripted(recorder, {200}, "PNG")); });
    GatewayClient client(config_for(api.url()), std::make_shared<CancelToken>());
    client.download(api.url("/files/a.png"), 1024);
    REQUIRE(recorder.count() == 1);
    CHECK(recorder.seen()[0].authorization.empty());
}

TEST_CASE("a missing key fails with AUTH before any request", "[gateway]") {
    Recorder recorder;
    LoopbackServer api([&](httplib::Server& s) {
        s.Get(".*", scripted(recorder, {200}, kQueuedTask));
        s.Post(".*", scripted(recorder, {200}, kQueuedTask));
    });
    GatewayClient client(config_for(api.url(), ""), std::make_shared<CancelToken>());
    try {
        client.status("task_1");
        FAIL("no error");
    } catch (const Error& error) {
        CHECK(error.status() == GENLAYER_AUTH);
        CHECK(std::string(error.what()).find("TOAPIS_API_KEY") != std::string::npos);
    }
    CHECK(status_of([&] { client.submit(sample_request()); }) == GENLAYER_AUTH);
    CHECK(recorder.count() == 0);
}

TEST_CASE("a bad base URL or task id is refused before any request", "[gateway]") {
    CHECK(status_of([] { GatewayClient(config_for("http://toapis.com"), std::make_shared<CancelToken>()); }) ==
          GENLAYER_INVALID_REQUEST);
    Recorder recorder;
    LoopbackServer api([&](httplib::Server& s) { s.Get(".*", scripted(recorder, {200}, kQueuedTask)); });
    GatewayClient client(config_for(api.url()), std::make_shared<CancelToken>());
    CHECK(status_of([&] { client.status("../../v1/uploads"); }) == GENLAYER_INVALID_REQUEST);
    CHECK(status_of([&] { client.download("http://files.example.com/a.png", 1024); }) == GENLAYER_BAD_RESPONSE);
    CHECK(recorder.count() == 0);
}

TEST_CASE("a 429 with Retry-After: 1 is honoured", "[gateway]") {
    Recorder recorder;
    LoopbackServer api([&](httplib::Server& s) {
        s.Get("/v1/images/generations/task_1", [&](const httplib::Request& request, httplib::Response& response) {
            recorder.add(request);
            if (recorder.count() == 1) {
                response.status = 429;
                response.set_header("Retry-After", "1");
                response.set_content(R"({"error":{"message":"slow down","type":"rate_limit_exceeded","code":429}})",
                                     "application/json");
            } else {
                response.set_content(kQueuedTask, "application/json");
            }
        });
    });
    GatewayClient client(config_for(api.url()), std::make_shared<CancelToken>());
    const auto start = Clock::now();
    CHECK(client.status("task_1").id == "task_1");
    CHECK(seconds_since(start) >= 1.0);
    CHECK(client.stats().rate_limited == 1);
    CHECK(client.stats().retries == 1);
}

TEST_CASE("a 429 that persists ends as RATE_LIMITED", "[gateway]") {
    Recorder recorder;
    LoopbackServer api([&](httplib::Server& s) { s.Get(".*", scripted(recorder, {429}, "")); });
    GatewayClient client(config_for(api.url()), std::make_shared<CancelToken>());
    CHECK(status_of([&] { client.status("task_1"); }) == GENLAYER_RATE_LIMITED);
    CHECK(recorder.count() == 4);
    CHECK(client.stats().rate_limited == 4);
}

TEST_CASE("insufficient_quota is never retried, whatever its HTTP status", "[gateway]") {
    for (const int status : {402, 403, 429}) {
        INFO(status);
        Recorder recorder;
        LoopbackServer api([&](httplib::Server& s) {
            s.Get(".*", [&recorder, status](const httplib::Request& request, httplib::Response& response) {
                recorder.add(request);
                response.status = status;
                response.set_header("Retry-After", "1");
                response.set_content(R"({"error":{"message":"no balance","code":"insufficient_quota"}})",
                                     "application/json");
            });
        });
        GatewayClient client(config_for(api.url()), std::make_shared<CancelToken>());
        CHECK(status_of([&] { client.status("task_1"); }) == GENLAYER_QUOTA);
        CHECK(recorder.count() == 1);
        CHECK(client.stats().rate_limited == 0);
    }
}

TEST_CASE("a 503 on a submit that reached the server is not retried", "[gateway]") {
    Recorder recorder;
    LoopbackServer api([&](httplib::Server& s) {
        s.Post("/v1/images/generations", scripted(recorder, {503, 200}, kQueuedTask));
    });
    GatewayClient client(config_for(api.url()), std::make_shared<CancelToken>());
    try {
        client.submit(sample_request());
        FAIL("no error");
    } catch (const Error& error) {
        CHECK(error.status() == GENLAYER_OUTCOME_UNKNOWN);
        CHECK_THAT(error.what(), Catch::Contains("may exist") && Catch::Contains("not be submitted twice"));
    }
    CHECK(recorder.count() == 1);
}

TEST_CASE("a submit that could not connect is retried", "[gateway]") {
    GatewayClient client(config_for(loopback_url(closed_port(), "")), std::make_shared<CancelToken>());
    CHECK(status_of([&] { client.submit(sample_request()); }) == GENLAYER_NETWORK);
    CHECK(client.stats().requests == 4);
    CHECK(client.stats().retries == 3);
}

TEST_CASE("a submit answered 429 is retried", "[gateway]") {
    Recorder recorder;
    LoopbackServer api([&](httplib::Server& s) {
        s.Post("/v1/images/generations", scripted(recorder, {429, 200}, kQueuedTask));
    });
    auto config = config_for(api.url());
    int told = 0;  // a batch lowers its concurrency here
    config.on_rate_limited = [&] { ++told; };
    GatewayClient client(config, std::make_shared<CancelToken>());
    CHECK(client.submit(sample_request()).id == "task_1");
    CHECK(recorder.count() == 2);
    CHECK(told == 1);
    CHECK(client.stats().rate_limited == 1);
}

TEST_CASE("a submit that times out after it was sent is OUTCOME_UNKNOWN", "[gateway]") {
    SilentListener listener;
    auto config = config_for(listener.url());
    // Long enough for the request to go out over loopback, even on a starved machine.
    config.deadline = Clock::now() + milliseconds(1000);
    GatewayClient client(config, std::make_shared<CancelToken>());
    CHECK(status_of([&] { client.submit(sample_request()); }) == GENLAYER_OUTCOME_UNKNOWN);
    CHECK(client.stats().requests == 1);
}

TEST_CASE("a 500 then 200 on status succeeds", "[gateway]") {
    Recorder recorder;
    LoopbackServer api([&](httplib::Server& s) { s.Get(".*", scripted(recorder, {500, 200}, kQueuedTask)); });
    GatewayClient client(config_for(api.url()), std::make_shared<CancelToken>());
    CHECK(client.status("task_1").status == TaskStatus::queued);
    CHECK(recorder.count() == 2);
    CHECK(client.stats().retries == 1);
}

TEST_CASE("a 4xx other than 429 is never retried", "[gateway]") {
    for (const int status : {400, 401, 402, 404, 422}) {
        INFO(status);
        Recorder recorder;
        LoopbackServer api([&](httplib::Server& s) { s.Get(".*", scripted(recorder, {status}, "")); });
        GatewayClient client(config_for(api.url()), std::make_shared<CancelToken>());
        CHECK(status_of([&] { client.status("task_1"); }) != GENLAYER_OK);
        CHECK(recorder.count() == 1);
    }
}

TEST_CASE("a malformed status answer is asked again, then reported", "[gateway]") {
    Recorder flaky_seen, broken_seen;
    LoopbackServer flaky([&](httplib::Server& s) {
        s.Get(".*", [&](const httplib::Request& request, httplib::Response& response) {
            flaky_seen.add(request);
            response.set_content(flaky_seen.count() == 1 ? "{\"id\": \"task_1\", \"sta" : kQueuedTask,
                                 "application/json");
        });
    });
    GatewayClient recovering(config_for(flaky.url()), std::make_shared<CancelToken>());
    CHECK(recovering.status("task_1").id == "task_1");
    CHECK(flaky_seen.count() == 2);

    LoopbackServer broken([&](httplib::Server& s) { s.Get(".*", scripted(broken_seen, {200}, "<html>oops</html>")); });
    GatewayClient failing(config_for(broken.url()), std::make_shared<CancelToken>());
    CHECK(status_of([&] { failing.status("task_1"); }) == GENLAYER_BAD_RESPONSE);
    CHECK(broken_seen.count() == 3);
}

TEST_CASE("an expired result URL is EXPIRED", "[gateway]") {
    for (const int status : {403, 404, 410}) {
        INFO(status);
        Recorder recorder;
        LoopbackServer files([&](httplib::Server& s) { s.Get(".*", scripted(recorder, {status}, "")); });
        GatewayClient client(config_for("https://toapis.com"), std::make_shared<CancelToken>());
        try {
            client.download(files.url("/generated/a.png"), 1024);
            FAIL("no error");
        } catch (const Error& error) {
            CHECK(error.status() == GENLAYER_EXPIRED);
            CHECK_THAT(error.what(), Catch::Contains("expired"));
        }
        CHECK(recorder.count() == 1);
    }
}

TEST_CASE("a download over its cap is refused and not retried", "[gateway]") {
    Recorder recorder;
    LoopbackServer files([&](httplib::Server& s) { s.Get(".*", scripted(recorder, {200}, std::string(4096, 'x'))); });
    GatewayClient client(config_for("https://toapis.com"), std::make_shared<CancelToken>());
    CHECK(status_of([&] { client.download(files.url("/a.png"), 1000); }) == GENLAYER_BAD_RESPONSE);
    CHECK(recorder.count() == 1);
}

TEST_CASE("retries stop at the overall deadline", "[gateway]") {
    // 503s that ask, from the third on, for a wait past the deadline: the
    // retries go on while a wait fits before it and stop the moment one does not.
    Recorder recorder;
    LoopbackServer api([&](httplib::Server& s) {
        s.Get(".*", [&](const httplib::Request& request, httplib::Response& response) {
            recorder.add(request);
            response.status = 503;
            if (recorder.count() >= 3) response.set_header("Retry-After", "120");
        });
    });
    auto config = config_for(api.url());
    config.backoff = {milliseconds(20), milliseconds(20), 0.0, 100};
    config.deadline = Clock::now() + std::chrono::seconds(60);
    GatewayClient client(config, std::make_shared<CancelToken>());
    CHECK(status_of([&] { client.status("task_1"); }) == GENLAYER_NETWORK);
    CHECK(Clock::now() < config.deadline);  // given up at once, not slept until the deadline
    CHECK(recorder.count() == 3);
    CHECK(client.stats().retries == 2);
}

TEST_CASE("a cancel during the backoff ends the call at once", "[gateway]") {
    Recorder recorder;
    std::promise<void> first_answer;
    LoopbackServer api([&](httplib::Server& s) {
        s.Get(".*", [&](const httplib::Request& request, httplib::Response& response) {
            recorder.add(request);
            response.status = 503;
            response.set_header("Retry-After", "5");  // well inside the deadline
            if (recorder.count() == 1) first_answer.set_value();
        });
    });
    auto cancel = std::make_shared<CancelToken>();
    GatewayClient client(config_for(api.url()), cancel);
    auto call = std::async(std::launch::async, [&] { return status_of([&] { client.status("task_1"); }); });
    first_answer.get_future().wait();
    cancel->cancel();
    CHECK(call.get() == GENLAYER_CANCELLED);
    CHECK(recorder.count() == 1);
}

TEST_CASE("a key the server echoes never reaches the sentence", "[gateway]") {
    Recorder recorder;
    LoopbackServer api([&](httplib::Server& s) {
        s.Get(".*", [&](const httplib::Request& request, httplib::Response& response) {
            recorder.add(request);
            response.status = 400;
            response.set_content(R"({"error":{"message":"bad request for key )" + kKey +
                                     R"(","type":"invalid_request_error","code":400}})",
                                 "application/json");
        });
    });
    GatewayClient client(config_for(api.url()), std::make_shared<CancelToken>());
    try {
        client.status("task_1");
        FAIL("no error");
    } catch (const Error& error) {
        CHECK(error.status() == GENLAYER_INVALID_REQUEST);
        CHECK_THAT(error.what(), !Catch::Contains(kKey) && Catch::Contains("[API key]"));
    }
}

TEST_CASE("a key that occurs inside the mask is still masked, once", "[gateway]") {
    LoopbackServer api([&](httplib::Server& s) {
        s.Get(".*", [&](const httplib::Request&, httplib::Response& response) {
            response.status = 400;
            response.set_content(R"({"error":{"message":"bad key k","type":"invalid_request_error","code":400}})",
                                 "application/json");
        });
    });
    auto config = config_for(api.url());
    config.api_key = "k";  // a letter of "[API key]" itself
    GatewayClient client(config, std::make_shared<CancelToken>());
    CHECK_THROWS_WITH(client.status("task_1"), Catch::Contains("bad [API key]ey [API key]"));
}

TEST_CASE("a download follows a redirect to another host, checking it, without the key", "[gateway]") {
    Recorder cdn_seen;
    LoopbackServer cdn([&](httplib::Server& s) { s.Get("/signed/a.png", scripted(cdn_seen, {200}, "PNG")); });
    Recorder files_seen;
    LoopbackServer files([&](httplib::Server& s) {
        s.Get("/generated/a.png", [&](const httplib::Request& request, httplib::Response& response) {
            files_seen.add(request);
            response.status = 302;
            response.set_header("Location", cdn.url("/signed/a.png"));
        });
        s.Get("/loop", [&](const httplib::Request& request, httplib::Response& response) {
            files_seen.add(request);
            response.status = 307;
            response.set_header("Location", files.url("/loop"));
        });
        s.Get("/to-plain-http", [&](const httplib::Request&, httplib::Response& response) {
            response.status = 301;
            response.set_header("Location", "http://example.com/a.png");
        });
    });
    GatewayClient client(config_for("http://127.0.0.1:1"), std::make_shared<CancelToken>());

    const auto bytes = client.download(files.url("/generated/a.png"), 1024);
    CHECK(std::string(bytes.begin(), bytes.end()) == "PNG");
    REQUIRE(cdn_seen.count() == 1);
    CHECK(cdn_seen.seen()[0].authorization.empty());
    CHECK(files_seen.seen()[0].authorization.empty());

    CHECK(status_of([&] { client.download(files.url("/to-plain-http"), 1024); }) == GENLAYER_BAD_RESPONSE);
    CHECK(status_of([&] { client.download(files.url("/loop"), 1024); }) == GENLAYER_BAD_RESPONSE);
    CHECK(files_seen.count() == 1 + 6);  // the first hop, then the loop's six before giving up
}
