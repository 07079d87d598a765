#include "submission.hpp"

#include "base/status.hpp"
#include "gateway/generation_request.hpp"
#include "gateway_responses.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

namespace genlayer::emulator {
namespace {

ApiRefusal invalid_request(const std::string& message) { return {400, "invalid_request_error", message}; }
ApiRefusal invalid_references(const std::string& message) { return {400, "invalid_reference_images", message}; }

// What a task returns: the size itself, or for a ratio a plausible pixel
// size, as the API reference documents none: 1K near one megapixel, 2K with a
// long edge of 2048, 4K with a long edge of 3840 (3840x2160 for 16:9).
ImageSize pixels_of(const std::string& size, const SizeTable::Tier& tier, SizeDialect dialect) {
    ImageSize pixels;
    if (dialect == SizeDialect::pixels) {
        parse_size(size, pixels);
        return pixels;
    }
    const size_t colon = size.find(':');
    const double a = std::stod(size.substr(0, colon)), b = std::stod(size.substr(colon + 1));
    const auto multiple_of_16 = [](double edge) { return std::max(16, int(std::lround(edge / 16)) * 16); };
    if (tier.name == "1K") return {multiple_of_16(1024 * std::sqrt(a / b)), multiple_of_16(1024 * std::sqrt(b / a))};
    const double long_edge = tier.name == "2K" ? 2048 : 3840;
    return a >= b ? ImageSize{int(long_edge), multiple_of_16(long_edge * b / a)}
                  : ImageSize{multiple_of_16(long_edge * a / b), int(long_edge)};
}

size_t utf8_code_points(std::string_view text) {
    return size_t(std::count_if(text.begin(), text.end(), [](char c) { return (uint8_t(c) & 0xC0) != 0x80; }));
}

bool is_http_url(std::string_view text) {
    const size_t host_start = text.starts_with("https://") ? 8 : text.starts_with("http://") ? 7 : 0;
    return host_start != 0 && text.size() > host_start &&
           std::none_of(text.begin(), text.end(), [](char c) { return uint8_t(c) <= ' ' || c == 0x7F; });
}

std::string optional_string(const nlohmann::json& body, const char* field, const char* fallback) {
    if (!body.contains(field)) return fallback;
    if (!body[field].is_string()) throw invalid_request(std::string(field) + " must be a string");
    return body[field].get<std::string>();
}

std::vector<std::string> read_references(const nlohmann::json& body) {
    const char* field = body.contains("reference_images") ? "reference_images" : "image_urls";
    if (!body.contains(field)) return {};
    const nlohmann::json& list = body[field];
    if (!list.is_array()) throw invalid_references(std::string(field) + " must be an array of image URLs");
    if (list.size() > kMaxReferences)
        throw invalid_references(std::string(field) + " holds more than " + std::to_string(kMaxReferences) + " images");
    std::vector<std::string> references;
    for (const auto& entry : list) {
        if (!entry.is_string() || !is_http_url(entry.get<std::string>()))
            throw invalid_references(std::string(field) +
                                     " must hold http(s) URLs only; upload the image first and send its URL");
        references.push_back(entry.get<std::string>());
    }
    return references;
}

}  // namespace

// Sizes as the dialect spells them, refused the way a gateway of that dialect
// refuses: by the other dialect's error names, naming the size.
ImageSize read_size(const std::string& size, const std::string& resolution, SizeDialect dialect) {
    const auto refused = [dialect](const std::string& message) {
        return ApiRefusal{400, dialect == SizeDialect::pixels ? "invalid_request_error" : "invalid_request", message};
    };
    if (size == "auto" || resolution == "auto")
        throw refused("size and resolution take values from the size table, not auto");
    const auto& tiers = SizeTable::builtin().tiers(dialect);
    const std::string size_text = size.empty() ? tiers.front().sizes.front().size : size;  // the documented default
    const SizeTable::Tier* tier = nullptr;
    for (const auto& candidate : tiers) {
        const bool holds = std::any_of(candidate.sizes.begin(), candidate.sizes.end(),
                                       [&](const SizeTable::Offer& offer) { return offer.size == size_text; });
        if (holds && (resolution.empty() || candidate.name == resolution)) tier = &candidate;
        if (tier) break;
    }
    if (!tier)
        throw refused(
            "size " + size_text + (resolution.empty() ? "" : " at resolution " + resolution) + " is not supported; " +
            (dialect == SizeDialect::pixels ? "use WxH sizes with resolution 1024, 1536 or 2048"
                                            : "use an aspect ratio such as 3:2 with resolution 1K, 2K or 4K"));
    return pixels_of(size_text, *tier, dialect);
}

Submission read_submission(std::string_view text, SizeDialect dialect) {
    const nlohmann::json body = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (!body.is_object()) throw invalid_request("The request body must be a JSON object");

    Submission submission;
    if (!body.contains("model") || !body["model"].is_string()) throw invalid_request("model is required");
    submission.model = body["model"].get<std::string>();
    if (submission.model != "gpt-image-2" && submission.model != "gpt-image-2-vip")
        throw invalid_request("model " + submission.model + " is not available; use gpt-image-2 or gpt-image-2-vip");

    if (!body.contains("prompt") || !body["prompt"].is_string() || body["prompt"].get<std::string>().empty())
        throw invalid_request("prompt is required");
    submission.prompt = body["prompt"].get<std::string>();
    if (utf8_code_points(submission.prompt) > kMaxPromptChars)
        throw invalid_request("prompt is longer than " + std::to_string(kMaxPromptChars) + " characters");

    submission.size = read_size(optional_string(body, "size", ""), optional_string(body, "resolution", ""), dialect);

    if (body.contains("n")) {
        if (!body["n"].is_number_integer() || body["n"].get<long long>() < 1 || body["n"].get<long long>() > kMaxImages)
            throw invalid_request("n must be a whole number from 1 to " + std::to_string(kMaxImages));
        submission.n = body["n"].get<int>();
    }

    submission.response_format = optional_string(body, "response_format", "url");
    if (submission.response_format != "url" && submission.response_format != "b64_json")
        throw invalid_request("response_format must be url or b64_json");

    submission.references = read_references(body);
    return submission;
}

}  // namespace genlayer::emulator
