#include "jobs/poll_schedule.hpp"

#include <algorithm>
#include <cmath>

namespace genlayer {
namespace {

constexpr double kFirstPoll = 2.0;      // documented: first wait 2 s
constexpr double kDocumentedGap = 3.0;  // documented: then every 3 s; also the pace while queued
constexpr double kRunningGap = 5.0;     // documented advice: 3-5 s while in progress
constexpr double kMinGap = 0.1;         // never hammer the gateway
constexpr int kRateRise = 10;           // percent the rate is measured over, when the samples have it
constexpr double kProbe = 0.25;         // share of the latest finish the poll after the first progress waits
constexpr double kApproach = 0.75;      // share of the estimated remaining time a far poll waits
constexpr double kLandWithin = 2.5;     // seconds estimated: closer than this, land on the finish
constexpr double kLandPast = 0.2;       // how far a landing goes from the estimate towards the latest finish
constexpr double kLanding = 0.02;       // and a little more, for the answer's trip

}  // namespace

PollSchedule::PollSchedule(PollMode mode) : mode_(mode) {}

void PollSchedule::observe(double elapsed_s, int progress) {
    samples_.push_back({elapsed_s, std::clamp(progress, 0, 100)});
}

std::optional<PollSchedule::Remaining> PollSchedule::remaining() const {
    const auto first_running =
        std::find_if(samples_.begin(), samples_.end(), [](const Sample& s) { return s.progress > 0; });
    if (first_running == samples_.end()) return std::nullopt;
    const Sample& b = samples_.back();
    const double left = 100 - b.progress;

    // The latest earlier sample that progress has risen kRateRise since: the
    // rate over it is recent, and the rounding of both ends matters little.
    auto a = samples_.end() - 1;
    while (a != first_running && b.progress - a->progress < kRateRise) --a;
    if (a->progress < b.progress) {
        const double span = b.t - a->t;
        const double rise = b.progress - a->progress;  // the true rise is within one of it
        const double slowest = std::max(rise - 1, 0.5) / span;
        return Remaining{left / (rise / span), (left + 1) / slowest, true, 0};
    }
    if (a != samples_.end() - 1) return std::nullopt;  // progress has stood still since it first moved

    // One sample of the running phase: it started after the last sample that
    // showed none (or the submit), at an unknown moment before this one.
    const double idle_until = first_running == samples_.begin() ? 0.0 : (first_running - 1)->t;
    const double ran_at_most = b.t - idle_until;
    return Remaining{left / b.progress * ran_at_most / 2, (left + 1) / b.progress * ran_at_most, false, ran_at_most};
}

double PollSchedule::next_poll_at() const {
    if (samples_.empty()) return kFirstPoll;
    const Sample& last = samples_.back();
    if (mode_ == PollMode::documented || last.progress == 0) return last.t + kDocumentedGap;

    const auto left = remaining();
    if (!left) return last.t + kRunningGap;  // progress stands still: the ordinary pace
    double wait;
    if (!left->rate_measured) {
        // One sample leaves the start of the running phase open, and with it
        // the rate: the next poll comes early enough to measure it.
        wait = std::min(kProbe * left->latest, 2 * left->since_idle);
    } else if (left->estimate <= kLandWithin) {
        // Aiming at the latest finish would be late whenever the rate holds;
        // aiming at the estimate, early half the time, which costs a poll.
        wait = left->estimate + kLandPast * (left->latest - left->estimate) + kLanding;
    } else {
        wait = kApproach * left->estimate;  // closer, to measure the rate again as it changes
    }
    return last.t + std::clamp(wait, kMinGap, kRunningGap);
}

}  // namespace genlayer
