#include "jobs/poll_schedule.hpp"

#include <algorithm>
#include <cmath>

namespace genlayer {
namespace {

constexpr double kFirstPoll = 2.0;      // documented: first wait 2 s
constexpr double kDocumentedGap = 3.0;  // documented: then every 3 s
constexpr double kRunningGap = 5.0;     // documented advice: 3-5 s while in progress
constexpr double kMinGap = 0.1;         // never hammer the gateway
constexpr double kWindowToTrust = 0.4;  // poll at the window's end once it is this narrow
constexpr double kLanding = 0.02;       // land just after the predicted finish

}  // namespace

PollSchedule::PollSchedule(PollMode mode) : mode_(mode) {}

void PollSchedule::observe(double elapsed_s, int progress) {
    if (mode_ == PollMode::adaptive) {
        // Once a poll at the predicted finish found the task still running,
        // each further one lengthens the back-off.
        auto window = predicted_finish();
        if (polls_past_prediction_ > 0 || (window && elapsed_s >= window->latest)) ++polls_past_prediction_;
    }
    samples_.push_back({elapsed_s, std::clamp(progress, 0, 100)});
}

std::optional<PollSchedule::Window> PollSchedule::predicted_finish() const {
    // The first sample that shows movement and the latest one bound the rate.
    auto first = std::find_if(samples_.begin(), samples_.end(), [](const Sample& s) { return s.progress > 0; });
    if (first == samples_.end()) return std::nullopt;
    const Sample& a = *first;
    const Sample& b = samples_.back();
    if (b.progress >= 100) return std::nullopt;

    // Reported progress p means true progress in [p, p + 1).
    double rate_low, rate_high;  // percent per second
    if (b.progress - a.progress >= 2 && b.t > a.t) {
        rate_low = (b.progress - a.progress - 1) / (b.t - a.t);
        rate_high = (b.progress - a.progress + 1) / (b.t - a.t);
    } else {
        // One informative sample: assume the task started at the submit.
        rate_low = b.progress / b.t;
        rate_high = (b.progress + 1) / b.t;
    }
    return Window{b.t + (99 - b.progress) / rate_high, b.t + (100 - b.progress) / rate_low};
}

double PollSchedule::next_poll_at() const {
    if (samples_.empty()) return kFirstPoll;
    const Sample& last = samples_.back();
    if (mode_ == PollMode::documented) return last.t + kDocumentedGap;

    const double ordinary = last.t + (last.progress > 0 ? kRunningGap : kDocumentedGap);
    const auto window = predicted_finish();
    if (!window) return ordinary;

    double target;
    if (polls_past_prediction_ > 0) {
        // The prediction was early: back off 0.25 s, 0.5 s, 1 s … towards the ordinary pace.
        target = last.t + std::min(0.25 * std::pow(2.0, polls_past_prediction_ - 1), kRunningGap);
    } else if (window->latest - window->earliest <= kWindowToTrust) {
        target = window->latest + kLanding;
    } else {
        // Too uncertain to land on: a poll in the middle narrows the window.
        target = (window->earliest + window->latest) / 2;
    }
    return std::max(last.t + kMinGap, std::min(ordinary, target));
}

}  // namespace genlayer
