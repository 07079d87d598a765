#include "image_type.hpp"

namespace genlayer::emulator {

std::optional<ImageType> sniff_image_type(std::string_view bytes) {
    using namespace std::string_view_literals;
    if (bytes.starts_with("\xFF\xD8\xFF"sv)) return ImageType{"image/jpeg", "jpg"};
    if (bytes.starts_with("\x89PNG\r\n\x1A\n"sv)) return ImageType{"image/png", "png"};
    if (bytes.starts_with("GIF87a"sv) || bytes.starts_with("GIF89a"sv)) return ImageType{"image/gif", "gif"};
    if (bytes.size() >= 12 && bytes.starts_with("RIFF"sv) && bytes.substr(8, 4) == "WEBP"sv)
        return ImageType{"image/webp", "webp"};
    return std::nullopt;
}

}  // namespace genlayer::emulator
