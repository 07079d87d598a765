#include "net/url.hpp"
#include "status_of.hpp"

#include <catch2/catch.hpp>

#include <vector>

using namespace genlayer;
using genlayer::test::status_of;

TEST_CASE("parse_url splits an absolute http(s) URL", "[url]") {
    const auto url = parse_url("HTTPS://Files.ToAPIs.com/uploads/1.jpg?sig=a#frag");
    REQUIRE(url);
    CHECK(url->scheme == "https");
    CHECK(url->host == "files.toapis.com");
    CHECK(url->port == 443);
    CHECK(url->path == "/uploads/1.jpg?sig=a");
    CHECK(url->origin() == "https://files.toapis.com:443");

    const auto bare = parse_url("http://127.0.0.1:8080");
    REQUIRE(bare);
    CHECK(bare->port == 8080);
    CHECK(bare->path == "/");

    const auto query_only = parse_url("http://localhost?x=1");
    REQUIRE(query_only);
    CHECK(query_only->path == "/?x=1");

    const auto ipv6 = parse_url("http://[::1]:9000/a");
    REQUIRE(ipv6);
    CHECK(ipv6->host == "::1");
    CHECK(ipv6->origin() == "http://[::1]:9000");
}

TEST_CASE("parse_url refuses anything odd", "[url]") {
    for (const char* text : {"", "toapis.com", "ftp://toapis.com/", "file:///etc/passwd", "https://", "https:///path",
                             "https://user:pw@toapis.com/", "https://toapis.com:0/", "https://toapis.com:65536/",
                             "https://toapis.com:/", "https://toapis.com:8x/", "https://toa pis.com/",
                             "https://toapis.com/a b", "https://toapis.com/\x01", "https://toapis.com\\evil.com/",
                             "https://[::1/", "https://[not-ipv6]/", "https://[::1]x/", "javascript:alert(1)"}) {
        INFO(text);
        CHECK_FALSE(parse_url(text));
    }
}

TEST_CASE("loopback hosts are localhost, 127.0.0.0/8 and ::1", "[url]") {
    for (const char* host : {"localhost", "LOCALHOST", "127.0.0.1", "127.1.2.3", "127.255.255.255", "::1", "[::1]",
                             "0:0:0:0:0:0:0:1", "::ffff:127.0.0.1"}) {
        INFO(host);
        CHECK(is_loopback_host(host));
    }
    for (const char* host : {"toapis.com", "128.0.0.1", "10.0.0.1", "0.0.0.0", "::", "::2", "localhost.evil.com",
                             "127.0.0.1.evil.com", "::ffff:10.0.0.1", ""}) {
        INFO(host);
        CHECK_FALSE(is_loopback_host(host));
    }
}

TEST_CASE("same_origin compares scheme, host and port", "[url]") {
    CHECK(same_origin("https://toapis.com/v1/x", "https://TOAPIS.com:443/other"));
    CHECK(same_origin("http://127.0.0.1:8000/a", "http://127.0.0.1:8000"));
    CHECK_FALSE(same_origin("https://toapis.com/", "http://toapis.com/"));
    CHECK_FALSE(same_origin("https://toapis.com/", "https://files.toapis.com/"));
    CHECK_FALSE(same_origin("http://127.0.0.1:8000/", "http://127.0.0.1:8001/"));
    CHECK_FALSE(same_origin("not a url", "not a url"));
}

TEST_CASE("a base URL must be https, or http to loopback", "[url]") {
    CHECK(require_base_url("https://toapis.com").host == "toapis.com");
    CHECK(require_base_url("http://localhost:8080/").port == 8080);
    CHECK(require_base_url("http://[::1]:8080").host == "::1");
    CHECK(status_of([] { require_base_url("http://toapis.com"); }) == GENLAYER_INVALID_REQUEST);
    CHECK(status_of([] { require_base_url("toapis.com"); }) == GENLAYER_INVALID_REQUEST);
}

TEST_CASE("a server URL must be http(s), plain http only to loopback", "[url]") {
    CHECK(require_server_url("https://files.toapis.com/a.png").path == "/a.png");
    CHECK(require_server_url("http://127.0.0.1:9/a.png").port == 9);
    CHECK(status_of([] { require_server_url("http://files.toapis.com/a.png"); }) == GENLAYER_BAD_RESPONSE);
    CHECK(status_of([] { require_server_url("file:///etc/passwd"); }) == GENLAYER_BAD_RESPONSE);
    CHECK(status_of([] { require_server_url("data:image/png;base64,AAAA"); }) == GENLAYER_BAD_RESPONSE);
}

TEST_CASE("task ids that could leave their path segment are refused", "[url]") {
    CHECK(status_of([] { require_task_id("task_img_abc123def456", true); }) == GENLAYER_OK);
    CHECK(status_of([] { require_task_id("task-1.v2", false); }) == GENLAYER_OK);
    CHECK(status_of([] { require_task_id(std::string(128, 'a'), true); }) == GENLAYER_OK);
    for (const std::string& id : std::vector<std::string>{"", ".", "..", "../etc/passwd", "a/b", "a%2fb", "a?b", "a b",
                                                          std::string(129, 'a')}) {
        INFO(id);
        CHECK(status_of([&] { require_task_id(id, true); }) == GENLAYER_INVALID_REQUEST);
        CHECK(status_of([&] { require_task_id(id, false); }) == GENLAYER_BAD_RESPONSE);
    }
}
