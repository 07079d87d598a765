// A genlayer_client of the C ABI on the fixture's emulator, journal and
// history, destroyed with the test.
#pragma once

#include <genlayer/genlayer.h>

#include "test_fixture.hpp"

#include <catch2/catch.hpp>

namespace genlayer::testing {

struct Client {
    explicit Client(const Fixture& fx, const char* key = kTestKey, uint32_t no_history = 0) {
        const auto base = fx.emulator().api_url();
        const auto journal = fx.journal_dir().string();
        const auto history = fx.history_dir().string();
        genlayer_client_options options{sizeof options,  key,       base.c_str(), 30, journal.c_str(),
                                        history.c_str(), no_history};
        REQUIRE(genlayer_client_create(&options, &handle) == GENLAYER_OK);
    }
    ~Client() { genlayer_client_destroy(handle); }
    Client(const Client&) = delete;
    Client& operator=(const Client&) = delete;
    genlayer_client* handle = nullptr;
};

}  // namespace genlayer::testing
