#include "image/image_format.hpp"

#include <algorithm>
#include <cctype>
#include <string>

namespace genlayer {

ImageFormat sniff_image_format(std::span<const uint8_t> bytes) {
    const auto starts_with = [bytes](std::string_view magic, size_t at = 0) {
        return bytes.size() >= at + magic.size() && std::equal(magic.begin(), magic.end(), bytes.begin() + long(at),
                                                               [](char m, uint8_t b) { return uint8_t(m) == b; });
    };
    if (starts_with("\x89PNG\r\n\x1a\n")) return ImageFormat::png;
    if (starts_with("\xff\xd8\xff")) return ImageFormat::jpeg;
    if (starts_with("RIFF") && starts_with("WEBP", 8)) return ImageFormat::webp;
    if (starts_with("GIF87a") || starts_with("GIF89a")) return ImageFormat::gif;
    return ImageFormat::other;
}

ImageFormat format_of_extension(std::string_view path) {
    const size_t dot = path.find_last_of("./");
    if (dot == std::string_view::npos || path[dot] != '.') return ImageFormat::other;
    std::string extension(path.substr(dot + 1));
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    if (extension == "png") return ImageFormat::png;
    if (extension == "jpg" || extension == "jpeg") return ImageFormat::jpeg;
    if (extension == "webp") return ImageFormat::webp;
    if (extension == "gif") return ImageFormat::gif;
    return ImageFormat::other;
}

}  // namespace genlayer
