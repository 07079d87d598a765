// Recognising an image format: from its first bytes for data, from the
// extension for a file about to be written.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace genlayer {

// The formats the gateway accepts; `other` goes to the OpenImageIO module.
enum class ImageFormat { png, jpeg, webp, gif, other };

ImageFormat sniff_image_format(std::span<const uint8_t> bytes);

// png, jpg/jpeg, webp, gif (any case); everything else is `other`.
ImageFormat format_of_extension(std::string_view path);

}  // namespace genlayer
