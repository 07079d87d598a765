// The check behind the dialogs' Test button, through the C ABI: it runs on a
// worker thread (start returns while the gateway holds the request), checks
// a typed key without giving it to the client, and costs nothing.
#include <genlayer/genlayer.h>

#include "abi_client.hpp"
#include "test_fixture.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <thread>

using namespace genlayer::testing;

namespace {

// The dialog's timer: is_done never blocks, so the host polls it.
void wait_until_done(const genlayer_check* check) {
    while (!genlayer_check_is_done(check)) std::this_thread::yield();
}

struct CheckOutcome {
    genlayer_status status;
    std::string report;
};

CheckOutcome check_to_the_end(genlayer_client* client, const char* typed_key) {
    genlayer_check* check = nullptr;
    REQUIRE(genlayer_check_start(client, typed_key, &check) == GENLAYER_OK);
    wait_until_done(check);
    CheckOutcome outcome{genlayer_check_status(check), genlayer_check_report(check)};
    genlayer_check_destroy(check);
    return outcome;
}

}  // namespace

TEST_CASE("C ABI check: start returns while the gateway holds the request, the answer comes after") {
    Fixture fx({"--hold-status", "1"});
    Client client(fx);
    genlayer_check* check = nullptr;
    REQUIRE(genlayer_check_start(client.handle, nullptr, &check) == GENLAYER_OK);
    fx.emulator().wait_for({{"held_status", 1}});
    CHECK(genlayer_check_is_done(check) == 0);
    CHECK(genlayer_check_status(check) == GENLAYER_INVALID_REQUEST);  // not yet
    CHECK(std::string(genlayer_check_report(check)).empty());

    fx.emulator().release({{"status", "all"}});
    wait_until_done(check);
    CHECK(genlayer_check_status(check) == GENLAYER_OK);
    CHECK_THAT(genlayer_check_report(check),
               Catch::StartsWith("base URL: " + fx.emulator().api_url() + " answers\nkey: works\nsize dialect: "));
    genlayer_check_destroy(check);
    CHECK(fx.count_requests("POST", "/") == 0);
}

TEST_CASE("C ABI check: a typed key is checked without becoming the client's") {
    Fixture fx({"--api-key", kTestKey});  // the emulator refuses any other
    Client client(fx, nullptr);
    const auto typed = check_to_the_end(client.handle, kTestKey);
    CHECK(typed.status == GENLAYER_OK);
    CHECK_THAT(typed.report, Catch::Contains("\nkey: works\n"));
    CHECK(genlayer_client_has_api_key(client.handle) == 0);

    const auto none = check_to_the_end(client.handle, "");
    CHECK(none.status == GENLAYER_AUTH);
    CHECK_THAT(none.report, Catch::Contains("key: not set"));

    const auto wrong = check_to_the_end(client.handle, "not-the-key");
    CHECK(wrong.status == GENLAYER_AUTH);
    CHECK_THAT(wrong.report, Catch::Contains("key: refused (The gateway refused the API key (401)."));
}

TEST_CASE("C ABI check: destroying a check in flight cancels it") {
    Fixture fx({"--hold-status", "1"});
    Client client(fx);
    genlayer_check* check = nullptr;
    REQUIRE(genlayer_check_start(client.handle, nullptr, &check) == GENLAYER_OK);
    fx.emulator().wait_for({{"held_status", 1}});
    genlayer_check_destroy(check);  // returns although the gateway still holds the request
    CHECK(fx.emulator().state()["held_status"] == 1);
}
