#include "net/retry_policy.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string>

namespace genlayer {
namespace {

// Longer waits than this are beyond any deadline; clamping keeps the
// arithmetic in range for absurd values.
constexpr std::chrono::seconds kLongestRetryAfter = std::chrono::hours(24);

std::string_view trim(std::string_view text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {};
    return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

bool all_digits(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value,
                                                           std::chrono::system_clock::time_point now) {
    using std::chrono::seconds;
    value = trim(value);
    if (all_digits(value)) {
        long long delta = 0;
        const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), delta);
        if (error == std::errc::result_out_of_range) return kLongestRetryAfter;
        if (error != std::errc() || end != value.data() + value.size()) return std::nullopt;
        return std::min(seconds(delta), kLongestRetryAfter);
    }
    // curl_getdate reads the three HTTP date forms (IMF-fixdate, RFC 850, asctime).
    const time_t date = curl_getdate(std::string(value).c_str(), nullptr);
    if (date == -1) return std::nullopt;
    // Into the range of waits first: the clock counts nanoseconds, so a date
    // after 2262 or before 1677 would overflow it.
    const time_t now_s = std::chrono::system_clock::to_time_t(now);
    const time_t in_range = std::clamp(date, now_s, now_s + time_t(kLongestRetryAfter.count()));
    const auto wait = std::chrono::system_clock::from_time_t(in_range) - now;
    return std::clamp(std::chrono::duration_cast<std::chrono::milliseconds>(wait), std::chrono::milliseconds(0),
                      std::chrono::milliseconds(kLongestRetryAfter));
}

Backoff::Backoff() : Backoff(Config{}) {}

Backoff::Backoff(Config config, unsigned seed) : config_(config), rng_(seed) {}

// attempts_ counts the failed attempts reported so far (one per call).
std::optional<std::chrono::milliseconds> Backoff::next(std::optional<std::chrono::milliseconds> retry_after) {
    ++attempts_;
    if (attempts_ >= config_.max_attempts) return std::nullopt;
    // first * 2^(attempts-1), computed in double so large attempt counts cannot overflow.
    const double grown = double(config_.first.count()) * std::exp2(attempts_ - 1);
    const double base = std::min(grown, double(config_.cap.count()));
    std::uniform_real_distribution<double> spread(-config_.jitter, config_.jitter);
    const auto wait = std::chrono::milliseconds(std::llround(base * (1.0 + spread(rng_))));
    return retry_after ? std::max(wait, *retry_after) : wait;
}

}  // namespace genlayer
