#include "jobs/poll_schedule.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

using genlayer::PollMode;
using genlayer::PollSchedule;

namespace {

struct Outcome {
    int polls = 0;
    double latency = 0;  // from the task's completion to the poll that saw it
};

// A task as a busy gateway runs it: queued (progress 0) for `queued_s`, then
// running for `running_s`, its rate changing every fifth of that time by the
// factors in `pace` (their mean is 1). It reports progress rounded down.
struct SyntheticTask {
    double queued_s;
    double running_s;
    std::array<double, 5> pace;

    double done_at() const { return queued_s + running_s; }
    int progress_at(double t) const {
        const double x = std::max(0.0, t - queued_s) / running_s * 5;
        double share = 0;
        for (int i = 0; i < 5; ++i) share += pace[i] * std::clamp(x - i, 0.0, 1.0) / 5;
        return std::min(99, int(std::floor(100 * share)));
    }
};

Outcome simulate(PollMode mode, const SyntheticTask& task) {
    PollSchedule schedule(mode);
    Outcome outcome;
    for (;;) {
        const double t = schedule.next_poll_at();
        ++outcome.polls;
        if (t >= task.done_at()) {
            outcome.latency = t - task.done_at();
            return outcome;
        }
        schedule.observe(t, task.progress_at(t));
        REQUIRE(outcome.polls < 200);
    }
}

constexpr std::array<std::array<double, 5>, 4> kPaces = {{
    {1.0, 1.0, 1.0, 1.0, 1.0},
    {1.3, 1.1, 1.0, 0.9, 0.7},  // slowing down towards the end
    {0.7, 0.9, 1.0, 1.1, 1.3},  // speeding up
    {1.2, 0.8, 1.3, 0.7, 1.0},
}};

}  // namespace

TEST_CASE("documented schedule polls at 2 s then every 3 s") {
    PollSchedule schedule(PollMode::documented);
    CHECK(schedule.next_poll_at() == Approx(2.0));
    schedule.observe(2.0, 10);
    CHECK(schedule.next_poll_at() == Approx(5.0));
    schedule.observe(5.0, 30);
    CHECK(schedule.next_poll_at() == Approx(8.0));
}

TEST_CASE("adaptive schedule notices completion through a queue sooner, with no more requests in sum") {
    // Tasks of 3-30 s that wait 0-50 % of their time in the queue, at every pace.
    double adaptive_latency = 0, documented_latency = 0;
    int adaptive_polls = 0, documented_polls = 0, tasks = 0;
    for (const auto& pace : kPaces) {
        for (double total = 3.0; total <= 30.0; total += 1.35) {
            for (double queue_share : {0.0, 0.17, 0.33, 0.5}) {
                const SyntheticTask task{total * queue_share, total * (1 - queue_share), pace};
                const auto adaptive = simulate(PollMode::adaptive, task);
                const auto documented = simulate(PollMode::documented, task);
                INFO("total " << total << " s, queued " << task.queued_s << " s");
                // One task may be unlucky (its first progress leaves the rate
                // open), never as late as the old schedule was on 8 s tasks.
                CHECK(adaptive.latency < 2.0);
                adaptive_latency += adaptive.latency;
                documented_latency += documented.latency;
                adaptive_polls += adaptive.polls;
                documented_polls += documented.polls;
                ++tasks;
            }
        }
    }
    INFO("mean latency " << adaptive_latency / tasks << " s against " << documented_latency / tasks << " s; polls "
                         << adaptive_polls << " against " << documented_polls);
    CHECK(adaptive_latency / tasks <= 0.3);
    CHECK(adaptive_polls <= documented_polls);
}

TEST_CASE("adaptive schedule waits at the documented pace while the task is queued") {
    PollSchedule schedule(PollMode::adaptive);
    CHECK(schedule.next_poll_at() == Approx(2.0));
    for (double t = 2.0; t < 20; t += 3.0) {
        schedule.observe(t, 0);
        CHECK(schedule.next_poll_at() == Approx(t + 3.0));
    }
}

TEST_CASE("adaptive schedule estimates from the running phase, not from the submit") {
    // Two tasks that run alike once out of the queue: one is seen queued
    // once, the other six times.
    const auto gaps_after_queue = [](int queued_polls) {
        PollSchedule schedule(PollMode::adaptive);
        double t = 2.0;
        for (int i = 0; i < queued_polls; ++i, t += 3.0) schedule.observe(t, 0);
        std::vector<double> gaps;
        for (const int progress : {30, 55, 80, 92}) {
            schedule.observe(t, progress);
            gaps.push_back(schedule.next_poll_at() - t);
            t += gaps.back();
        }
        return gaps;
    };
    const auto short_queue = gaps_after_queue(1);
    const auto long_queue = gaps_after_queue(6);
    REQUIRE(short_queue.size() == long_queue.size());
    for (size_t i = 0; i < short_queue.size(); ++i) CHECK(long_queue[i] == Approx(short_queue[i]));

    // 30 % within the 3 s since the task was last seen queued leaves at most
    // 7 s; read from the submit, 30 % in 20 s, it would leave 47.
    PollSchedule schedule(PollMode::adaptive);
    schedule.observe(17.0, 0);
    schedule.observe(20.0, 30);
    CHECK(schedule.next_poll_at() < 20.0 + 7.0);
}

TEST_CASE("adaptive schedule lands just after the finish that a steady rate predicts") {
    PollSchedule schedule(PollMode::adaptive);
    schedule.observe(2.0, 0);
    schedule.observe(5.0, 20);
    schedule.observe(7.0, 40);
    schedule.observe(9.0, 60);
    schedule.observe(11.0, 80);  // 10 % per second: done at 13 s
    const double next = schedule.next_poll_at();
    CHECK(next >= 13.0);
    CHECK(next < 13.3);
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
