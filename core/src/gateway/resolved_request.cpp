#include "gateway/resolved_request.hpp"

namespace genlayer {

ResolvedRequest resolve_request(const GenerationRequest& request, const SizeTable::Choice& choice,
                                std::vector<std::string> reference_urls) {
    return {request.prompt,     request.model, choice.size, choice.resolution, request.n, request.response_format,
            std::move(reference_urls)};
}

nlohmann::json to_json(const ResolvedRequest& request) {
    nlohmann::json body = {
        {"model", request.model},
        {"prompt", request.prompt},
        {"size", request.size.text()},
        {"resolution", std::to_string(request.resolution)},
        {"n", request.n},
        {"response_format", request.response_format},
    };
    if (!request.reference_urls.empty()) body["reference_images"] = request.reference_urls;
    return body;
}

}  // namespace genlayer
