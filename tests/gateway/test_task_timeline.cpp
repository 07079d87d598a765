// The emulator's task timeline, without a server: what a busy gateway's
// queue and uneven progress look like, and that they are reproducible.
#include "task_timeline.hpp"

#include <catch2/catch.hpp>

#include <set>
#include <string>

using genlayer::emulator::TaskTimeline;
using genlayer::emulator::TimelineShape;

namespace {

TimelineShape seeded(long long generation_ms, uint64_t seed) {
    TimelineShape shape;
    shape.generation_ms = generation_ms;
    shape.seed = seed;
    return shape;
}

}  // namespace

TEST_CASE("without a seed a task is queued for a tenth of its time, then rises evenly from 0", "[timeline]") {
    TimelineShape shape;
    shape.generation_ms = 10000;
    const TaskTimeline timeline(shape, "a cat");
    CHECK(timeline.queue_ms() == 1000);
    CHECK(timeline.queued_status() == "queued");
    CHECK(timeline.queued_at(999));
    CHECK(timeline.progress_at(999) == 0);
    CHECK_FALSE(timeline.queued_at(1000));
    CHECK(timeline.progress_at(1000) == 0);
    CHECK(timeline.progress_at(5500) == 50);
    CHECK(timeline.progress_at(9999) == 99);
    CHECK(timeline.progress_at(20000) == 99);  // held past its end
}

TEST_CASE("queue_ms fixes the queue, within the generation time", "[timeline]") {
    TimelineShape shape = seeded(8000, 7);
    shape.queue_ms = 6000;
    const TaskTimeline timeline(shape, "a cat");
    CHECK(timeline.queue_ms() == 6000);
    CHECK(timeline.progress_at(5999) == 0);
    CHECK(timeline.progress_at(7000) > 0);
    shape.queue_ms = 9000;
    CHECK(TaskTimeline(shape, "a cat").queue_ms() == 8000);
}

TEST_CASE("a seed gives queues of 0-50 %, both queued spellings, and a rate that changes", "[timeline]") {
    constexpr long long kGen = 20000;
    std::set<std::string> spellings;
    std::set<long long> queues;
    int uneven = 0;
    for (int i = 0; i < 40; ++i) {
        const std::string prompt = "task " + std::to_string(i);
        const TaskTimeline timeline(seeded(kGen, 1), prompt);
        INFO(prompt);
        REQUIRE(timeline.queue_ms() >= 0);
        REQUIRE(timeline.queue_ms() <= kGen / 2);
        queues.insert(timeline.queue_ms());
        spellings.insert(std::string(timeline.queued_status()));
        CHECK(timeline.progress_at(timeline.queue_ms() - 1) == 0);

        // Progress per fifth of the running phase: every fifth moves, by a
        // weight of 0.7 to 1.3 out of five weights that make 100 %: from
        // 0.7 / (0.7 + 4 x 1.3) = 12 % to 1.3 / (1.3 + 4 x 0.7) = 32 %,
        // give or take the rounding.
        const long long running = kGen - timeline.queue_ms();
        int before = 0;
        std::set<int> rises;
        for (int fifth = 1; fifth <= 5; ++fifth) {
            const int now = fifth == 5 ? 100 : timeline.progress_at(timeline.queue_ms() + running * fifth / 5);
            CHECK(now - before >= 11);
            CHECK(now - before <= 33);
            rises.insert((now - before) / 3);
            before = now;
        }
        if (rises.size() > 1) ++uneven;
        int last = 0;
        for (long long t = 0; t < kGen; t += 97) {
            const int progress = timeline.progress_at(t);
            CHECK(progress >= last);
            last = progress;
        }
    }
    CHECK(spellings == std::set<std::string>{"queued", "submitted"});
    CHECK(queues.size() > 30);
    CHECK(uneven > 30);
}

TEST_CASE("the same seed and prompt run the same course, another seed another", "[timeline]") {
    const TaskTimeline first(seeded(15000, 3), "a fox"), again(seeded(15000, 3), "a fox");
    CHECK(first.queue_ms() == again.queue_ms());
    for (long long t = 0; t < 15000; t += 250) CHECK(first.progress_at(t) == again.progress_at(t));
    std::set<long long> queues;
    for (uint64_t seed = 1; seed <= 10; ++seed) queues.insert(TaskTimeline(seeded(15000, seed), "a fox").queue_ms());
    CHECK(queues.size() > 5);
}
