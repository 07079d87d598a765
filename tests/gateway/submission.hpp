// Reading and checking a submit body the way the gateway does.
#pragma once

#include "gateway/size_table.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace genlayer::emulator {

struct Submission {
    std::string model;
    std::string prompt;
    ImageSize size;  // of the result images, in pixels
    int n = 1;
    std::string response_format;
    std::vector<std::string> references;  // reference_images, or image_urls (the older name)
};

// Throws ApiRefusal (400 invalid_request_error or invalid_reference_images)
// for anything the gateway refuses; sizes must be in `dialect`.
Submission read_submission(std::string_view body, SizeDialect dialect);

}  // namespace genlayer::emulator
