#include "gateway/generation_request.hpp"

#include "base/status.hpp"
#include "base/utf8.hpp"
#include "net/url.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>

namespace genlayer {
namespace {

constexpr size_t kEchoedReferenceChars = 24;
// Base64 of real image data runs to hundreds of characters; a shorter run of
// base64 letters is more likely a file name without an extension.
constexpr size_t kMinUnmarkedBase64Chars = 256;
// How PNG, JPEG, GIF and WebP files begin once base64-encoded.
constexpr std::string_view kBase64ImageMagics[] = {"iVBORw0KGgo", "/9j/", "R0lGOD", "UklGR"};

Error invalid(const std::string& sentence) { return Error(GENLAYER_INVALID_REQUEST, sentence); }

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() && std::equal(prefix.begin(), prefix.end(), text.begin(),
                                                      [](char p, char t) { return p == std::tolower(uint8_t(t)); });
}

bool is_base64_char(char c) {
    return std::isalnum(uint8_t(c)) || c == '+' || c == '/' || c == '=' || c == '-' || c == '_';
}

void check_reference(const std::string& reference) {
    if (reference.empty()) throw invalid("A reference is empty; pass an image file or an http(s) URL.");
    if (reference.find("://") != std::string::npos) {
        if (!parse_url(reference))
            throw invalid("Reference \"" + abbreviated(reference, kEchoedReferenceChars) +
                          "\" is not an http(s) URL; pass an http(s) URL or a local image file.");
        return;
    }
    if (looks_like_inline_image(reference))
        throw invalid("Reference \"" + abbreviated(reference, kEchoedReferenceChars) +
                      "\" looks like inline base64 image data; the gateway accepts only http(s) URLs, so pass a "
                      "file path and it will be uploaded first.");

    std::error_code error;
    const auto status = std::filesystem::status(reference, error);
    if (!std::filesystem::exists(status)) throw invalid("Reference file " + reference + " does not exist.");
    if (!std::filesystem::is_regular_file(status))
        throw invalid("Reference " + reference + " is not a file; pass an image file or an http(s) URL.");
    if (!std::ifstream(reference, std::ios::binary).is_open())
        throw invalid("Reference file " + reference + " cannot be read; check its permissions.");
}

}  // namespace

uint32_t max_reference_edge() {
    static const auto edge = uint32_t(SizeTable::builtin().longest_reference_edge());
    return edge;
}

bool looks_like_inline_image(std::string_view reference) {
    if (starts_with_ignoring_case(reference, "data:")) return true;
    std::string compact;
    for (char c : reference) {
        if (std::isspace(uint8_t(c))) continue;  // base64 is often wrapped in lines
        if (!is_base64_char(c)) return false;
        compact += c;
    }
    const bool has_image_magic = std::any_of(std::begin(kBase64ImageMagics), std::end(kBase64ImageMagics),
                                             [&](std::string_view magic) { return compact.starts_with(magic); });
    return has_image_magic || compact.size() >= kMinUnmarkedBase64Chars;
}

void validate_request(const GenerationRequest& request) {
    // JSON carries only UTF-8: anything else would be mangled or refused on the way.
    require_utf8(request.prompt, "The prompt");
    require_utf8(request.model, "The model id");
    require_utf8(request.size, "The size");
    require_utf8(request.resolution, "The resolution");
    require_utf8(request.response_format, "The response format");
    for (const std::string& reference : request.extra_references) require_utf8(reference, "A reference's name");

    const size_t prompt_chars = count_code_points(request.prompt);
    const bool prompt_blank =
        std::all_of(request.prompt.begin(), request.prompt.end(), [](char c) { return std::isspace(uint8_t(c)); });
    if (prompt_blank) throw invalid("The prompt is empty; type what the new layer should show.");
    if (prompt_chars > kMaxPromptChars)
        throw invalid("The prompt has " + std::to_string(prompt_chars) + " characters; the gateway accepts at most " +
                      std::to_string(kMaxPromptChars) + ".");

    if (request.n < kMinImages || request.n > kMaxImages)
        throw invalid("Variations must be between " + std::to_string(kMinImages) + " and " +
                      std::to_string(kMaxImages) + " (got " + std::to_string(request.n) + ").");

    if (request.response_format != "url" && request.response_format != "b64_json")
        throw invalid("The response format must be url or b64_json (got \"" + request.response_format + "\").");

    const bool model_has_space =
        std::any_of(request.model.begin(), request.model.end(), [](char c) { return std::isspace(uint8_t(c)); });
    if (request.model.empty() || model_has_space)
        throw invalid("The model id \"" + request.model + "\" is not valid; use an id without spaces such as " +
                      std::string(kDefaultModel) + ".");

    const size_t reference_count = request.extra_references.size() + (request.reference ? 1 : 0);
    if (reference_count > kMaxReferences)
        throw invalid("There are " + std::to_string(reference_count) +
                      " reference images; the gateway accepts at most " + std::to_string(kMaxReferences) + ".");
    for (const std::string& reference : request.extra_references) check_reference(reference);
}

SizeAsk size_ask(const GenerationRequest& request) {
    return {request.size, request.resolution, request.reference ? int(request.reference->width) : 0,
            request.reference ? int(request.reference->height) : 0};
}

SizeSpec resolve_size(const SizeAsk& ask, SizeDialect dialect) {
    return SizeTable::builtin().resolve(ask.size, ask.resolution, ask.source_w, ask.source_h, dialect);
}

}  // namespace genlayer
