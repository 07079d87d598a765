#include "image/webp_codec.hpp"

#include "image/row_downscaler.hpp"

#include <webp/decode.h>

namespace genlayer {

namespace {

void read_features(std::span<const uint8_t> bytes, WebPBitstreamFeatures& features) {
    switch (WebPGetFeatures(bytes.data(), bytes.size(), &features)) {
        case VP8_STATUS_OK: return;
        case VP8_STATUS_NOT_ENOUGH_DATA: throw CodecProblem("the WebP data is truncated");
        default: throw CodecProblem("the WebP header is damaged");
    }
}

}  // namespace

PixelSize declared_webp_size(std::span<const uint8_t> bytes) {
    WebPBitstreamFeatures features;
    read_features(bytes, features);
    return {uint32_t(features.width), uint32_t(features.height)};
}

RgbaImage decode_webp(std::span<const uint8_t> bytes, const DecodeLimits& limits, uint32_t max_long_edge) {
    WebPDecoderConfig config;
    if (!WebPInitDecoderConfig(&config)) throw CodecProblem("libwebp is not the version it was built against");
    read_features(bytes, config.input);
    const WebPBitstreamFeatures& features = config.input;
    check_sides(uint64_t(features.width), uint64_t(features.height), limits);
    const PixelSize source{uint32_t(features.width), uint32_t(features.height)};
    const PixelSize output = fitted_size(source.width, source.height, max_long_edge ? max_long_edge : UINT32_MAX);
    check_decoded_bytes(output.width, output.height, limits);
    if (features.has_animation) throw CodecProblem("it is an animated WebP");

    RgbaImage image(output.width, output.height);
    // libwebp scales while it decodes, into the output's memory.
    config.options.use_scaling = output == source ? 0 : 1;
    config.options.scaled_width = int(output.width);
    config.options.scaled_height = int(output.height);
    config.output.colorspace = MODE_RGBA;
    config.output.is_external_memory = 1;
    config.output.u.RGBA.rgba = image.pixels.data();
    config.output.u.RGBA.stride = int(image.row_bytes());
    config.output.u.RGBA.size = image.pixels.size();
    const VP8StatusCode status = WebPDecode(bytes.data(), bytes.size(), &config);
    if (status != VP8_STATUS_OK) throw CodecProblem("the WebP data is damaged or truncated");
    return image;
}

}  // namespace genlayer
