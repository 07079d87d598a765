// `genlayer check`: free, one line each for the base URL, the key and the
// size dialect, and an exit code a script can branch on.
#include "test_fixture.hpp"

#include <catch2/catch.hpp>

using namespace genlayer::testing;

TEST_CASE("check: a working key exits 0 and costs nothing") {
    Fixture fx({"--api-key", kTestKey});
    const auto result = fx.cli({"check"});
    INFO(result.err);
    CHECK(result.exit_code == 0);
    CHECK(result.out == "base URL: " + fx.emulator().api_url() + " answers\nkey: works\nsize dialect: unknown\n");
    CHECK(fx.count_requests("POST", "/") == 0);
    CHECK(fx.count_requests("GET", "/v1/images/generations/") == 1);
}

TEST_CASE("check: a refused or missing key exits 3") {
    Fixture fx({"--api-key", "another-key"});
    const auto refused = fx.cli({"check"});
    CHECK(refused.exit_code == 3);
    CHECK_THAT(refused.out, Catch::Contains("key: refused (The gateway refused the API key (401)."));
    CHECK_THAT(refused.out, Catch::Contains(" answers\n"));

    auto env = fx.env();
    env.erase("TOAPIS_API_KEY");
    const auto missing = run_cli({"check"}, env);
    CHECK(missing.exit_code == 3);
    CHECK_THAT(missing.out, Catch::Contains("key: not set; set TOAPIS_API_KEY"));
}

TEST_CASE("check: the remembered size dialect is named") {
    Fixture fx({"--gen-ms", "0", "--size-dialect", "ratio"});
    REQUIRE(fx.cli({"generate", "--prompt", "p", "--size", "1536x1024", "--output", fx.path("o.png")}).exit_code == 0);
    CHECK_THAT(fx.cli({"check"}).out, Catch::EndsWith("size dialect: ratio\n"));
}

TEST_CASE("check: nothing listening, or a server that is not the gateway, exits 5") {
    Fixture fx;
    // Port 1 (tcpmux) has no listener here: the connection is refused at once.
    const auto closed = fx.cli({"check", "--base-url", "http://127.0.0.1:1", "--timeout", "2"});
    CHECK(closed.exit_code == 5);
    CHECK_THAT(closed.out, Catch::Contains("does not answer (Could not connect"));
    CHECK_THAT(closed.out, Catch::Contains("key: not checked"));

    // The emulator's files port answers 404 without the gateway's error body.
    const auto files = fx.cli({"check", "--base-url", fx.emulator().files_url()});
    CHECK(files.exit_code == 5);
    CHECK_THAT(files.out, Catch::Contains("answers, but not like the gateway"));
}
