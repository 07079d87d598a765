// Retry-After values (delta seconds and the three HTTP date forms) against a
// fixed clock and the real one.
#include "fuzz_support.hpp"
#include "net/retry_policy.hpp"

using namespace genlayer;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view value = fuzz::text_of(data, size);
    // Thu, 01 Jan 2026 00:00:00 GMT, as in the unit tests.
    const auto fixed_now = std::chrono::system_clock::from_time_t(1767225600);
    for (const auto now : {fixed_now, std::chrono::system_clock::now()}) {
        const auto wait = parse_retry_after(value, now);
        fuzz::require(!wait || (*wait >= std::chrono::milliseconds(0) && *wait <= std::chrono::hours(24)),
                      "a wait is between now and a day");
    }
    return 0;
}
