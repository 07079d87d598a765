#include "gateway/upload_answer.hpp"

#include "gateway/gateway_errors.hpp"
#include "gateway/json_fields.hpp"
#include "net/url.hpp"

#include <nlohmann/json.hpp>

namespace genlayer {

UploadedImage parse_upload_answer(std::string_view body) {
    const auto json = nlohmann::json::parse(body, nullptr, false);
    const auto success = json.is_object() ? json.find("success") : json.end();
    const auto data = json.is_object() ? json.find("data") : json.end();
    // A "success" of another type is no confirmation (value() would throw json's own type_error).
    if (success == json.end() || *success != true || data == json.end() || !data->is_object())
        throw malformed_answer_error("upload", "it does not confirm the upload");
    UploadedImage image{json_string_field(*data, "id"), json_string_field(*data, "url")};
    if (image.url.empty()) throw malformed_answer_error("upload", "it names no file URL");
    require_server_url(image.url);
    return image;
}

}  // namespace genlayer
