// A request once it is ready to send: references are URLs and the size is
// resolved. Its JSON form is written in one place and serves both the submit
// body and the journal, so the two never disagree.
#pragma once

#include "gateway/generation_request.hpp"
#include "gateway/size_table.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace genlayer {

struct ResolvedRequest {
    std::string prompt;
    std::string model;
    SizeSpec size;  // size and resolution as the dialect being sent spells them
    int n = 1;
    std::string response_format;
    std::vector<std::string> reference_urls;
};

ResolvedRequest resolve_request(const GenerationRequest& request, SizeSpec size,
                                std::vector<std::string> reference_urls);

// The submit body's fields (`resolution` a string in either dialect, as the
// gateway documents it; `reference_images` only when there are some).
nlohmann::json to_json(const ResolvedRequest& request);

}  // namespace genlayer
