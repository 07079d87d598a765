#include "net/retry_policy.hpp"

#include <catch2/catch.hpp>

#include <set>
#include <vector>

using namespace genlayer;
using std::chrono::milliseconds;
using std::chrono::seconds;

namespace {

// Thu, 01 Jan 2026 00:00:00 GMT
const auto kNow = std::chrono::system_clock::from_time_t(1767225600);

}  // namespace

TEST_CASE("Retry-After as delta seconds", "[retry]") {
    CHECK(parse_retry_after("1", kNow) == milliseconds(1000));
    CHECK(parse_retry_after(" 120 ", kNow) == milliseconds(120000));
    CHECK(parse_retry_after("0", kNow) == milliseconds(0));
    // Absurd values are clamped, not overflowed.
    CHECK(parse_retry_after("99999999999999999999999", kNow) == milliseconds(seconds(86400)));
}

TEST_CASE("Retry-After as an HTTP date in all three forms", "[retry]") {
    CHECK(parse_retry_after("Thu, 01 Jan 2026 00:00:30 GMT", kNow) == milliseconds(30000));
    CHECK(parse_retry_after("Thursday, 01-Jan-26 00:00:30 GMT", kNow) == milliseconds(30000));
    CHECK(parse_retry_after("Thu Jan  1 00:00:30 2026", kNow) == milliseconds(30000));
    // A date in the past means "now".
    CHECK(parse_retry_after("Wed, 31 Dec 2025 23:00:00 GMT", kNow) == milliseconds(0));
}

TEST_CASE("unreadable Retry-After values are ignored", "[retry]") {
    for (const char* value : {"", "  ", "-1", "1.5", "soon", "12abc"}) {
        INFO(value);
        CHECK_FALSE(parse_retry_after(value, kNow));
    }
}

TEST_CASE("backoff doubles from the first delay up to the cap", "[retry]") {
    Backoff backoff({milliseconds(100), milliseconds(1000), 0.0, 10});
    std::vector<long> waits;
    while (const auto wait = backoff.next()) waits.push_back(long(wait->count()));
    CHECK(waits == std::vector<long>{100, 200, 400, 800, 1000, 1000, 1000, 1000, 1000});
    CHECK(backoff.attempts() == 10);
}

TEST_CASE("backoff jitter stays within its bounds and varies", "[retry]") {
    std::set<long> seen;
    for (unsigned seed = 0; seed < 200; ++seed) {
        Backoff backoff({milliseconds(1000), milliseconds(4000), 0.2, 8}, seed);
        for (const long base : {1000L, 2000L, 4000L, 4000L}) {
            const long wait = long(backoff.next()->count());
            CHECK(wait >= base * 8 / 10);
            CHECK(wait <= base * 12 / 10);
            if (base == 1000) seen.insert(wait);
        }
    }
    CHECK(seen.size() > 50);
}

TEST_CASE("backoff honours a longer Retry-After but never waits less than its own delay", "[retry]") {
    Backoff backoff({milliseconds(100), milliseconds(1000), 0.0, 5});
    CHECK(backoff.next(milliseconds(3000)) == milliseconds(3000));
    CHECK(backoff.next(milliseconds(50)) == milliseconds(200));
}

TEST_CASE("max_attempts counts the first attempt", "[retry]") {
    Backoff once({milliseconds(10), milliseconds(100), 0.0, 1});
    CHECK_FALSE(once.next());
    Backoff three({milliseconds(10), milliseconds(100), 0.0, 3});
    CHECK(three.next());
    CHECK(three.next());
    CHECK_FALSE(three.next());
}
