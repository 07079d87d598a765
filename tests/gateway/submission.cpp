#include "submission.hpp"

#include "gateway_responses.hpp"
#include "gateway/generation_request.hpp"
#include "base/status.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace genlayer::emulator {
namespace {

ApiRefusal invalid_request(const std::string& message) { return {400, "invalid_request_error", message}; }
ApiRefusal invalid_references(const std::string& message) { return {400, "invalid_reference_images", message}; }

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

Submission read_submission(std::string_view text) {
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

    const std::string size = optional_string(body, "size", "");
    const std::string resolution = optional_string(body, "resolution", "");
    if (size == "auto" || resolution == "auto")
        throw invalid_request("size and resolution take values from the size table, not auto");
    try {
        // Documented defaults: 1024x1024 at 1024; a size without resolution takes its own tier.
        submission.size = SizeTable::builtin().resolve(size, resolution, 0, 0).size;
    } catch (const Error& error) {
        throw invalid_request(error.what());
    }

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
