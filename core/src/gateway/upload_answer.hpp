// Reading the gateway's answer to an upload.
#pragma once

#include <string>
#include <string_view>

namespace genlayer {

struct UploadedImage {
    std::string id;
    std::string url;
};

// Reads a 2xx upload body; throws Error(BAD_RESPONSE) unless it confirms the
// upload and names an acceptable file URL.
UploadedImage parse_upload_answer(std::string_view body);

}  // namespace genlayer
