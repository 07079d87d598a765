#include "base/cancel_token.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <latch>
#include <thread>
#include <vector>

using namespace genlayer;

TEST_CASE("cancel token: a cancel from another thread wakes every sleeper", "[cancel]") {
    CancelToken token;
    constexpr int kSleepers = 3;
    std::latch sleeping(kSleepers);
    std::atomic<int> woken_by_cancel{0};
    std::vector<std::thread> sleepers;
    for (int i = 0; i < kSleepers; ++i)
        sleepers.emplace_back([&] {
            sleeping.count_down();
            // An hour: only the cancel can end this sleep within the test's timeout.
            if (!token.sleep_for(std::chrono::hours(1))) ++woken_by_cancel;
        });
    sleeping.wait();
    token.cancel();
    for (auto& sleeper : sleepers) sleeper.join();
    CHECK(woken_by_cancel == kSleepers);
    CHECK(token.cancelled());
}

TEST_CASE("cancel token: a sleep after the cancel returns at once", "[cancel]") {
    CancelToken token;
    std::thread canceller([&] { token.cancel(); });
    canceller.join();
    CHECK_FALSE(token.sleep_for(std::chrono::hours(1)));
}

TEST_CASE("cancel token: readers polling while it is cancelled all see it set", "[cancel]") {
    CancelToken token;
    constexpr int kReaders = 4;
    std::latch started(kReaders + 1);
    std::vector<std::thread> readers;
    for (int i = 0; i < kReaders; ++i)
        readers.emplace_back([&] {
            started.arrive_and_wait();
            while (!token.cancelled()) std::this_thread::yield();
        });
    started.arrive_and_wait();
    token.cancel();
    for (auto& reader : readers) reader.join();
    CHECK(token.cancelled());
}
