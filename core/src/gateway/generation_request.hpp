// A generation request as the user states it, validated locally before any
// byte goes out.
#pragma once

#include "gateway/limits.hpp"
#include "gateway/size_table.hpp"
#include "image/rgba_image.hpp"

#include <optional>
#include <string>
#include <vector>

namespace genlayer {

struct GenerationRequest {
    std::string prompt;
    std::string model = kDefaultModel;
    std::string size = "auto";
    std::string resolution = "auto";
    int n = 1;
    std::string response_format = "url";
    std::optional<RgbaImage> reference;         // pixels of the source region
    std::vector<std::string> extra_references;  // local files or http(s) URLs
};

// Checks that the text is UTF-8, prompt length (1..kMaxPromptChars, counted
// as code points), n, response_format, model (non-empty, no spaces), the
// reference count, and that every extra reference is an http(s) URL or an
// existing readable local file (a data: URI or base64 text is refused with
// the gateway's invalid_reference_images wording). Throws
// Error(INVALID_REQUEST). The size is resolved apart, per dialect.
void validate_request(const GenerationRequest& request);

// What a request asks of the size, kept apart from its pixels so that it can
// be resolved again in the other dialect.
struct SizeAsk {
    std::string size;
    std::string resolution;
    int source_w = 0;  // the source region, 0 without a reference
    int source_h = 0;
};
SizeAsk size_ask(const GenerationRequest& request);

// Throws Error(INVALID_REQUEST) naming what `dialect` offers.
SizeSpec resolve_size(const SizeAsk& ask, SizeDialect dialect);

// How large a host reads a local reference file (the long edge): no size
// the table offers scales a reference beyond it, and it picks the same tier
// for --size auto as the full-size file would.
uint32_t max_reference_edge();

// True for strings that look like base64 image data or a data: URI.
bool looks_like_inline_image(std::string_view reference);

}  // namespace genlayer
