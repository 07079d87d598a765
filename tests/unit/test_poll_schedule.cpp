#include "jobs/poll_schedule.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using genlayer::PollMode;
using genlayer::PollSchedule;

namespace {

struct Outcome {
    int polls = 0;
    double latency = 0;  // from the task's completion to the poll that saw it
};

// A task that starts `queued_s` after the submit and then reports
// floor(100 * t / duration) until it completes, as the gateway does.
Outcome simulate(PollMode mode, double queued_s, double duration_s) {
    PollSchedule schedule(mode);
    const double done_at = queued_s + duration_s;
    Outcome outcome;
    for (;;) {
        const double t = schedule.next_poll_at();
        ++outcome.polls;
        if (t >= done_at) {
            outcome.latency = t - done_at;
            return outcome;
        }
        const double running = std::max(0.0, t - queued_s);
        schedule.observe(t, int(std::floor(100 * running / duration_s)));
        REQUIRE(outcome.polls < 200);
    }
}

}  // namespace

TEST_CASE("documented schedule polls at 2 s then every 3 s") {
    PollSchedule schedule(PollMode::documented);
    CHECK(schedule.next_poll_at() == Approx(2.0));
    schedule.observe(2.0, 10);
    CHECK(schedule.next_poll_at() == Approx(5.0));
    schedule.observe(5.0, 30);
    CHECK(schedule.next_poll_at() == Approx(8.0));
}

TEST_CASE("adaptive schedule notices completion sooner with no more requests") {
    double latency_sum = 0;
    int tasks = 0;
    for (double queued : {0.0, 1.3}) {
        for (double duration = 5.0; duration <= 30.0; duration += 0.7) {
            const auto adaptive = simulate(PollMode::adaptive, queued, duration);
            const auto documented = simulate(PollMode::documented, queued, duration);
            INFO("queued " << queued << " s, duration " << duration << " s");
            CHECK(adaptive.polls <= documented.polls);
            CHECK(adaptive.latency < 1.0);
            latency_sum += adaptive.latency;
            ++tasks;
        }
    }
    CHECK(latency_sum / tasks < 0.3);
}

TEST_CASE("adaptive schedule backs off when progress stalls") {
    PollSchedule schedule(PollMode::adaptive);
    double t = schedule.next_poll_at();
    int polls = 0;
    while (t < 120) {
        schedule.observe(t, 50);  // a task stuck at 50 % forever
        const double next = schedule.next_poll_at();
        CHECK(next - t >= 0.1);
        t = next;
        ++polls;
    }
    CHECK(polls <= 120 / 3 + 1);  // no denser than the documented schedule overall
}
