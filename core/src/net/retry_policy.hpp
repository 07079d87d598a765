// When to try again: exponential backoff with jitter, Retry-After honoured,
// all inside one overall deadline.
#pragma once

#include <chrono>
#include <optional>
#include <random>
#include <string_view>

namespace genlayer {

using Clock = std::chrono::steady_clock;

// Parses Retry-After: delta seconds or an HTTP date (RFC 7231). `now` is the
// wall clock used for dates. nullopt when absent or unreadable.
std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value,
                                                           std::chrono::system_clock::time_point now);

class Backoff {
public:
    struct Config {
        std::chrono::milliseconds first{1000};
        std::chrono::milliseconds cap{30000};
        double jitter = 0.2;  // +-20 %
        int max_attempts = 8;
    };
    Backoff();
    explicit Backoff(Config config, unsigned seed = std::random_device{}());

    // The wait before the next attempt: max(Retry-After, first * 2^k with
    // jitter, capped). nullopt when attempts are used up.
    std::optional<std::chrono::milliseconds> next(std::optional<std::chrono::milliseconds> retry_after = std::nullopt);
    int attempts() const { return attempts_; }

private:
    Config config_;
    std::mt19937 rng_;
    int attempts_ = 0;
};

}  // namespace genlayer
