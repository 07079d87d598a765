// The upload answer: parse_upload_answer on any 2xx body.
#include "gateway/upload_answer.hpp"
#include "fuzz_support.hpp"
#include "net/url.hpp"

using namespace genlayer;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    UploadedImage image;
    try {
        image = parse_upload_answer(fuzz::text_of(data, size));
    } catch (const Error& error) {
        fuzz::require_refusal(error, GENLAYER_BAD_RESPONSE);
        return 0;
    }
    const auto url = parse_url(image.url);
    fuzz::require(url && (url->scheme == "https" || is_loopback_host(url->host)),
                  "an accepted upload URL is https, or http to loopback");
    return 0;
}
