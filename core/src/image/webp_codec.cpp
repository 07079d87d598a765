#include "image/webp_codec.hpp"

#include <webp/decode.h>

namespace genlayer {

RgbaImage decode_webp(std::span<const uint8_t> bytes, const DecodeLimits& limits) {
    WebPBitstreamFeatures features;
    switch (WebPGetFeatures(bytes.data(), bytes.size(), &features)) {
        case VP8_STATUS_OK: break;
        case VP8_STATUS_NOT_ENOUGH_DATA: throw CodecProblem("the WebP data is truncated");
        default: throw CodecProblem("the WebP header is damaged");
    }
    check_dimensions(uint64_t(features.width), uint64_t(features.height), limits);
    if (features.has_animation) throw CodecProblem("it is an animated WebP");
    RgbaImage image(uint32_t(features.width), uint32_t(features.height));
    if (!WebPDecodeRGBAInto(bytes.data(), bytes.size(), image.pixels.data(), image.pixels.size(),
                            int(image.row_bytes())))
        throw CodecProblem("the WebP data is damaged or truncated");
    return image;
}

}  // namespace genlayer
