#include "jobs/submit_gate.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <latch>
#include <thread>
#include <vector>

using namespace genlayer;

namespace {

std::vector<SubmitGate::Permit> acquire(SubmitGate& gate, int count, int accepted) {
    CancelToken never;
    std::vector<SubmitGate::Permit> permits;
    for (int i = 0; i < count; ++i) {
        permits.push_back(gate.acquire(never));
        if (i < accepted) permits.back().accepted();
    }
    return permits;
}

}  // namespace

TEST_CASE("submit gate: permits up to the limit, the next one when a slot is freed", "[gate]") {
    SubmitGate gate(3);
    auto permits = acquire(gate, 3, 0);
    CHECK(gate.in_flight() == 3);

    std::atomic<bool> freed{false};
    std::atomic<bool> freed_before_fourth{false};
    std::latch waiting(1);
    std::thread fourth([&] {
        CancelToken never;
        waiting.count_down();
        auto permit = gate.acquire(never);
        freed_before_fourth = freed.load();
    });
    waiting.wait();
    freed = true;
    permits.back().release();
    fourth.join();
    CHECK(freed_before_fourth);
    CHECK(gate.in_flight() == 2);  // the fourth's permit went with its thread
}

TEST_CASE("submit gate: a 429 halves the limit", "[gate]") {
    SubmitGate gate(8);
    const auto permits = acquire(gate, 3, 1);
    gate.rate_limited();
    CHECK(gate.limit() == 4);
}

TEST_CASE("submit gate: a 429 never lowers the limit below the tasks already accepted", "[gate]") {
    SubmitGate gate(8);
    const auto permits = acquire(gate, 6, 5);
    gate.rate_limited();
    CHECK(gate.limit() == 5);
}

TEST_CASE("submit gate: the limit grows back by one per limit tasks finished, up to the maximum", "[gate]") {
    SubmitGate gate(4);
    gate.rate_limited();
    REQUIRE(gate.limit() == 2);
    for (const int expected : {3, 4, 4}) {
        acquire(gate, gate.limit(), gate.limit());  // accepted, then finished as they go out of scope
        CHECK(gate.limit() == expected);
    }
    CHECK(gate.in_flight() == 0);
}

TEST_CASE("submit gate: tasks the gateway never accepted do not grow the limit", "[gate]") {
    SubmitGate gate(4);
    gate.rate_limited();
    acquire(gate, 2, 0);
    acquire(gate, 2, 0);
    CHECK(gate.limit() == 2);
}

TEST_CASE("submit gate: a cancel wakes a waiter with an empty permit", "[gate]") {
    SubmitGate gate(1);
    const auto held = acquire(gate, 1, 0);
    CancelToken cancel;
    std::latch waiting(1);
    std::thread waiter([&] {
        waiting.count_down();
        auto permit = gate.acquire(cancel);
        permit.release();  // empty: gives back nothing
    });
    waiting.wait();
    cancel.cancel();
    waiter.join();
    CHECK(gate.in_flight() == 1);
}
