// genlayer upload FILE: puts a reference image on the gateway and prints its URL.
#include "commands.hpp"

#include "common_options.hpp"
#include "exit_codes.hpp"
#include "gateway/gateway_config.hpp"
#include "image/reference_image.hpp"

#include <nlohmann/json.hpp>

#include <iostream>

namespace genlayer::cli {

int run_upload(int argc, char** argv) {
    const Arguments args(argc, argv, 2, with_common_flags({}), with_common_switches({}));
    const auto common = read_common_options(args);
    if (args.positional().size() != 1)
        throw Error(GENLAYER_INVALID_REQUEST, "Give one image file: genlayer upload FILE.");

    // Encoded as a generation reference is: JPEG when opaque, PNG with alpha,
    // at most 2048 px and under the 10 MB limit.
    const ReferenceLimits limits;
    const auto pixels = read_image_file(args.positional()[0], {}, limits.max_long_edge);
    const auto encoded = prepare_reference(view_of(pixels), limits);

    const auto settings = load_settings(common.overrides);
    require_api_key(settings);
    GatewayClient gateway(gateway_config(settings, deadline_after(settings.timeout_s)),
                          std::make_shared<CancelToken>());
    const auto uploaded = gateway.upload(encoded);
    if (common.json)
        std::cout << nlohmann::json{{"id", uploaded.id}, {"url", uploaded.url}, {"bytes", encoded.bytes.size()}}.dump()
                  << std::endl;
    else
        std::cout << uploaded.url << std::endl;
    return kExitOk;
}

}  // namespace genlayer::cli
