// Error answers in either shape, any body under any HTTP status: the first
// two bytes pick the status (100..599), the rest is the body.
#include "gateway/gateway_errors.hpp"
#include "fuzz_support.hpp"

using namespace genlayer;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 2) return 0;
    const long status = 100 + ((long(data[0]) << 8) | data[1]) % 500;
    const Error error = error_from_response(status, fuzz::text_of(data + 2, size - 2), "submit");
    fuzz::require(error.status() != GENLAYER_OK && error.status() != GENLAYER_INTERNAL,
                  "an error answer maps to a failure of the gateway's kind");
    fuzz::require_refusal(error, error.status());
    return 0;
}
