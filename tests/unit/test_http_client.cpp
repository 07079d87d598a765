#include "loopback_server.hpp"
#include "net/http_client.hpp"

#include <catch2/catch.hpp>

#include <future>

using namespace genlayer;
using genlayer::test::closed_port;
using genlayer::test::loopback_url;
using genlayer::test::LoopbackServer;
using genlayer::test::SilentListener;
using std::chrono::milliseconds;

namespace {

struct Outcome {
    bool ok = false;
    HttpResponse response;
    TransportError error;
};

Outcome perform(const HttpRequest& request, SharedCancelToken cancel = std::make_shared<CancelToken>()) {
    HttpClient client(std::move(cancel));
    Outcome outcome;
    outcome.ok = client.perform(request, outcome.response, outcome.error);
    return outcome;
}

HttpRequest get(std::string url) {
    HttpRequest request;
    request.url = std::move(url);
    return request;
}

}  // namespace

TEST_CASE("a GET returns status, body and lower-cased headers", "[http]") {
    LoopbackServer server([](httplib::Server& s) {
        s.Get("/hello", [](const httplib::Request& request, httplib::Response& response) {
            response.set_header("X-Echo-Header", request.get_header_value("X-Test"));
            response.set_content("hi there", "text/plain");
        });
    });
    HttpRequest request = get(server.url("/hello"));
    request.headers = {"X-Test: 42"};
    const Outcome outcome = perform(request);
    REQUIRE(outcome.ok);
    CHECK(outcome.response.status == 200);
    CHECK(outcome.response.body_text() == "hi there");
    CHECK(outcome.response.headers.at("x-echo-header") == "42");
    CHECK(outcome.response.headers.at("content-type") == "text/plain");
}

TEST_CASE("an error status is a response, not a transport failure", "[http]") {
    LoopbackServer server([](httplib::Server& s) {
        s.Get("/missing", [](const httplib::Request&, httplib::Response& response) {
            response.status = 404;
            response.set_content("{}", "application/json");
        });
    });
    const Outcome outcome = perform(get(server.url("/missing")));
    REQUIRE(outcome.ok);
    CHECK(outcome.response.status == 404);
}

TEST_CASE("a redirect is returned, never followed", "[http]") {
    int target_hits = 0;
    LoopbackServer server([&](httplib::Server& s) {
        s.Get("/from", [](const httplib::Request&, httplib::Response& response) { response.set_redirect("/to"); });
        s.Get("/to", [&](const httplib::Request&, httplib::Response& response) {
            ++target_hits;
            response.set_content("followed", "text/plain");
        });
    });
    const Outcome outcome = perform(get(server.url("/from")));
    REQUIRE(outcome.ok);
    CHECK(outcome.response.status == 302);
    CHECK(outcome.response.headers.at("location") == "/to");
    CHECK(target_hits == 0);
}

TEST_CASE("POST sends a plain body and multipart files and fields", "[http]") {
    LoopbackServer server([](httplib::Server& s) {
        s.Post("/plain", [](const httplib::Request& request, httplib::Response& response) {
            response.set_content(request.get_header_value("Content-Type") + "|" + request.body, "text/plain");
        });
        s.Post("/form", [](const httplib::Request& request, httplib::Response& response) {
            const auto file = request.get_file_value("file");
            response.set_content(file.filename + "|" + file.content_type + "|" + file.content + "|" +
                                     request.get_file_value("purpose").content,
                                 "text/plain");
        });
    });
    HttpRequest plain = get(server.url("/plain"));
    plain.method = "POST";
    plain.headers = {"Content-Type: application/json"};
    plain.body = R"({"a":1})";
    const Outcome sent = perform(plain);
    REQUIRE(sent.ok);
    CHECK(sent.response.body_text() == R"(application/json|{"a":1})");
    CHECK(sent.response.bytes_sent == plain.body.size());

    const std::vector<uint8_t> bytes = {'P', 'N', 'G', 0, 1, 2};
    HttpRequest form = get(server.url("/form"));
    form.method = "POST";
    form.files.push_back({"file", "reference.png", "image/png", &bytes});
    form.form_fields = {{"purpose", "generation"}};
    const Outcome uploaded = perform(form);
    REQUIRE(uploaded.ok);
    CHECK(uploaded.response.body_text() ==
          "reference.png|image/png|" + std::string(bytes.begin(), bytes.end()) + "|generation");
}

TEST_CASE("a body announced over the cap is refused before it arrives", "[http]") {
    LoopbackServer server([](httplib::Server& s) {
        s.Get("/big", [](const httplib::Request&, httplib::Response& response) {
            response.set_content(std::string(5000, 'x'), "application/octet-stream");
        });
    });
    HttpRequest request = get(server.url("/big"));
    request.max_body_bytes = 1000;
    const Outcome outcome = perform(request);
    CHECK_FALSE(outcome.ok);
    CHECK(outcome.error.failure == TransportFailure::too_large);
    CHECK(outcome.response.body.empty());
}

TEST_CASE("an endless body without a length is aborted once past the cap", "[http]") {
    LoopbackServer server([](httplib::Server& s) {
        s.Get("/stream", [](const httplib::Request&, httplib::Response& response) {
            response.set_chunked_content_provider("application/octet-stream", [](size_t, httplib::DataSink& sink) {
                const std::string chunk(4096, 'y');
                return sink.write(chunk.data(), chunk.size());
            });
        });
    });
    HttpRequest request = get(server.url("/stream"));
    request.max_body_bytes = 64 * 1024;
    const Outcome outcome = perform(request);
    CHECK_FALSE(outcome.ok);
    CHECK(outcome.error.failure == TransportFailure::too_large);
    CHECK(outcome.response.body.size() <= request.max_body_bytes);
}

TEST_CASE("response headers of 1 MB are refused, in one line or in many", "[http]") {
    constexpr size_t kMiB = 1024 * 1024;
    LoopbackServer server([](httplib::Server& s) {
        s.Get("/one", [](const httplib::Request&, httplib::Response& response) {
            response.set_header("X-Padding", std::string(kMiB, 'a'));
            response.set_content("{}", "application/json");
        });
        s.Get("/many", [](const httplib::Request&, httplib::Response& response) {
            for (size_t i = 0; i < kMiB / 1024; ++i)
                response.set_header("X-Padding-" + std::to_string(i), std::string(1000, 'b'));
            response.set_content("{}", "application/json");
        });
    });
    for (const char* path : {"/one", "/many"}) {
        INFO(path);
        const Outcome outcome = perform(get(server.url(path)));
        CHECK_FALSE(outcome.ok);
        CHECK(outcome.error.failure == TransportFailure::too_large);
        size_t kept = 0;
        for (const auto& [name, value] : outcome.response.headers) kept += name.size() + value.size();
        CHECK(kept <= 64 * 1024);
    }
}

TEST_CASE("a refused connection is connect_failed with nothing sent", "[http]") {
    const Outcome outcome = perform(get(loopback_url(closed_port(), "/")));
    CHECK_FALSE(outcome.ok);
    CHECK(outcome.error.failure == TransportFailure::connect_failed);
    CHECK_FALSE(outcome.error.request_sent);
    CHECK_FALSE(outcome.error.detail.empty());
}

TEST_CASE("a body cut short after the request was sent is dropped", "[http]") {
    LoopbackServer server([](httplib::Server& s) {
        s.Get("/cut", [](const httplib::Request&, httplib::Response& response) {
            response.set_content_provider(1000, "application/octet-stream",
                                          [](size_t, size_t, httplib::DataSink& sink) {
                                              sink.write("0123456789", 10);
                                              return false;  // hang up mid-body
                                          });
        });
    });
    const Outcome outcome = perform(get(server.url("/cut")));
    CHECK_FALSE(outcome.ok);
    CHECK(outcome.error.failure == TransportFailure::dropped);
    CHECK(outcome.error.request_sent);
}

TEST_CASE("a server that never answers times out after the request was sent", "[http]") {
    SilentListener listener;
    HttpRequest request = get(listener.url("/"));
    // The timeout is the feature; its length only has to leave the request
    // time to go out over loopback, even on a starved machine.
    request.total_timeout = milliseconds(1000);
    const Outcome outcome = perform(request);
    CHECK_FALSE(outcome.ok);
    CHECK(outcome.error.failure == TransportFailure::timed_out);
    CHECK(outcome.error.request_sent);
}

TEST_CASE("cancel aborts a stalled transfer", "[http]") {
    SilentListener listener;
    auto cancel = std::make_shared<CancelToken>();
    auto transfer = std::async(std::launch::async, [&] { return perform(get(listener.url("/")), cancel); });
    listener.accept_request();  // the transfer is in flight and idle
    cancel->cancel();
    const Outcome outcome = transfer.get();
    CHECK_FALSE(outcome.ok);
    // The server never answers: only the cancel, not a timeout, ends it so.
    CHECK(outcome.error.failure == TransportFailure::cancelled);
}

TEST_CASE("TLS is verified and only http(s) is spoken", "[http]") {
    LoopbackServer server([](httplib::Server& s) {
        s.Get("/",
              [](const httplib::Request&, httplib::Response& response) { response.set_content("x", "text/plain"); });
    });
    // A plain-http server cannot complete a TLS handshake.
    const Outcome tls = perform(get("https://127.0.0.1:" + std::to_string(server.port()) + "/"));
    CHECK_FALSE(tls.ok);
    CHECK(tls.error.failure == TransportFailure::tls);

    const Outcome file = perform(get("file:///etc/hostname"));
    CHECK_FALSE(file.ok);
    CHECK_FALSE(file.error.request_sent);
}
