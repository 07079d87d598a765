#include "gateway/resolved_request.hpp"

namespace genlayer {

ResolvedRequest resolve_request(const GenerationRequest& request, SizeSpec size,
                                std::vector<std::string> reference_urls) {
    return {request.prompt, request.model,           std::move(size),
            request.n,      request.response_format, std::move(reference_urls)};
}

nlohmann::json to_json(const ResolvedRequest& request) {
    nlohmann::json body = {
        {"model", request.model},
        {"prompt", request.prompt},
        {"size", request.size.size},
        {"resolution", request.size.resolution},
        {"n", request.n},
        {"response_format", request.response_format},
    };
    if (!request.reference_urls.empty()) body["reference_images"] = request.reference_urls;
    return body;
}

}  // namespace genlayer
