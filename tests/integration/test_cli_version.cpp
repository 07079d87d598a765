// One version everywhere: project(VERSION) is what `genlayer --version`
// prints and what every request's User-Agent says.
#include "test_fixture.hpp"

#include <catch2/catch.hpp>

using namespace genlayer::testing;

TEST_CASE("the version: genlayer --version prints the project's, and every request carries it as the User-Agent") {
    Fixture fx;
    const auto version = run_cli({"--version"}, fx.env());
    CHECK(version.exit_code == 0);
    CHECK(version.out == std::string("genlayer ") + GENLAYER_PROJECT_VERSION + "\n");
    CHECK(version.err.empty());

    const auto generated = fx.cli({"generate", "--prompt", "a version", "--output", fx.path("out.png"), "--quiet"});
    INFO(generated.err);
    REQUIRE(generated.exit_code == 0);
    const auto log = fx.emulator().log();
    REQUIRE(log.size() >= 3);  // submit, status, download
    for (const auto& entry : log) CHECK(entry["user_agent"] == std::string("genlayer/") + GENLAYER_PROJECT_VERSION);
}
