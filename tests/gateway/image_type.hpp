// Recognises an uploaded image by its first bytes, as the gateway does.
#pragma once

#include <optional>
#include <string_view>

namespace genlayer::emulator {

struct ImageType {
    std::string_view mime_type;
    std::string_view extension;
};

// JPEG, PNG, WebP or GIF; nullopt for anything else.
std::optional<ImageType> sniff_image_type(std::string_view bytes);

}  // namespace genlayer::emulator
