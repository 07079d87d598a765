#include "image_codec.hpp"

#include "status.hpp"

#include <OpenImageIO/filesystem.h>
#include <OpenImageIO/imageio.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <memory>
#include <optional>
#include <string_view>

namespace genlayer {
namespace {

using OIIO::ImageInput;
using OIIO::ImageOutput;
using OIIO::ImageSpec;
using OIIO::TypeDesc;

constexpr int kFileJpegQuality = 92;
constexpr std::string_view kPngSignature = "\x89PNG\r\n\x1a\n";

// OpenImageIO premultiplies alpha unless told otherwise; the core keeps
// straight alpha end to end, as PNG and the C ABI store it.
constexpr const char* kUnassociatedAlpha = "oiio:UnassociatedAlpha";

// OpenImageIO messages can span lines and end with a period; a sentence
// quotes only their first line.
std::string first_line(const std::string& message) {
    std::string line = message.substr(0, message.find('\n'));
    while (!line.empty() && (line.back() == '.' || line.back() == ' ' || line.back() == '\r')) line.pop_back();
    return line.empty() ? "no detail given" : line;
}

// The message of a failed ImageInput/ImageOutput, or of a failed open/create
// (held per thread by OpenImageIO). Reading it also clears it, so nothing is
// left to be printed to stderr when the object dies.
template <class ImageIo>
std::string problem_of(ImageIo* io) {
    return first_line(io ? io->geterror() : OIIO::geterror());
}

// A memory proxy gives OpenImageIO no file name to guess from, and it does
// not fall back to trying other readers, so the format is read from the
// magic bytes and named through the extension.
const char* sniffed_name(std::span<const uint8_t> bytes) {
    const auto starts_with = [bytes](std::string_view magic, size_t at = 0) {
        return bytes.size() >= at + magic.size() &&
               std::equal(magic.begin(), magic.end(), bytes.begin() + at,
                          [](char m, uint8_t b) { return uint8_t(m) == b; });
    };
    if (starts_with(kPngSignature)) return "memory.png";
    if (starts_with("\xff\xd8\xff")) return "memory.jpg";
    if (starts_with("RIFF") && starts_with("WEBP", 8)) return "memory.webp";
    if (starts_with("GIF87a") || starts_with("GIF89a")) return "memory.gif";
    return nullptr;
}

constexpr auto kCrc32Table = [] {
    std::array<uint32_t, 256> table{};
    for (uint32_t n = 0; n < 256; ++n) {
        uint32_t c = n;
        for (int bit = 0; bit < 8; ++bit) c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
        table[n] = c;
    }
    return table;
}();

uint32_t crc32_of(const uint8_t* data, size_t size) {
    uint32_t crc = 0xffffffffu;
    for (size_t i = 0; i < size; ++i) crc = kCrc32Table[(crc ^ data[i]) & 0xff] ^ (crc >> 8);
    return ~crc;
}

uint32_t big_endian_32(const uint8_t* p) { return uint32_t(p[0]) << 24 | p[1] << 16 | p[2] << 8 | p[3]; }

// libpng, as OpenImageIO 2.4 drives it, prints its errors on stderr. A PNG
// that is cut short or damaged in transit is refused here before libpng sees
// it: every chunk must be complete and pass its CRC, up to IEND.
std::optional<std::string> png_damage(std::span<const uint8_t> bytes) {
    constexpr size_t kChunkOverhead = 12;  // length, type, CRC
    size_t at = kPngSignature.size();
    while (bytes.size() - at >= kChunkOverhead) {
        const uint8_t* chunk = bytes.data() + at;
        const uint32_t length = big_endian_32(chunk);
        if (length > bytes.size() - at - kChunkOverhead) break;
        if (crc32_of(chunk + 4, length + 4) != big_endian_32(chunk + 8 + length))
            return "a PNG chunk fails its checksum";
        if (std::string_view(reinterpret_cast<const char*>(chunk + 4), 4) == "IEND") return std::nullopt;
        at += kChunkOverhead + length;
    }
    return "the PNG data is truncated";
}

// OpenImageIO converts each read through a buffer of its own as large as the
// read: a whole 4K image read at once would be held twice. Bands of rows keep
// that buffer small (tiled files, rare as inputs, are read whole).
constexpr int kRowsPerRead = 256;

bool read_channels(ImageInput& input, int channels, RgbaImage& image) {
    const ImageSpec& spec = input.spec();
    if (spec.tile_width > 0)
        return input.read_image(0, 0, 0, channels, TypeDesc::UINT8, image.pixels.data(), 4);
    for (int row = 0; row < spec.height; row += kRowsPerRead) {
        const int end = std::min(spec.height, row + kRowsPerRead);
        if (!input.read_scanlines(0, 0, spec.y + row, spec.y + end, spec.z, 0, channels, TypeDesc::UINT8,
                                  image.row(uint32_t(row)), 4))
            return false;
    }
    return true;
}

// Reads the first subimage of an opened input as straight RGBA8, checking
// its dimensions before allocating. `fail(problem)` builds the Error thrown.
template <class Fail>
RgbaImage read_rgba8(ImageInput& input, const DecodeLimits& limits, Fail fail) {
    const ImageSpec& spec = input.spec();
    if (spec.width <= 0 || spec.height <= 0 || spec.nchannels <= 0) throw fail("it has no pixels");
    if (uint32_t(spec.width) > limits.max_side || uint32_t(spec.height) > limits.max_side)
        throw fail("it is " + std::to_string(spec.width) + "x" + std::to_string(spec.height) +
                   " pixels, over the limit of " + std::to_string(limits.max_side) + " per side");

    // Channels land in place in the RGBA buffer (4-byte pixel stride), then
    // gray and missing alpha are filled in.
    const int channels = std::min(spec.nchannels, 4);
    RgbaImage image(uint32_t(spec.width), uint32_t(spec.height));
    // has_error: libjpeg pads a truncated JPEG with gray and only warns.
    if (!read_channels(input, channels, image) || input.has_error()) throw fail(problem_of(&input));

    uint8_t* const end = image.pixels.data() + image.pixels.size();
    switch (channels) {
    case 1:  // gray
        for (uint8_t* p = image.pixels.data(); p != end; p += 4) p[1] = p[2] = p[0], p[3] = 255;
        break;
    case 2:  // gray + alpha
        for (uint8_t* p = image.pixels.data(); p != end; p += 4) p[3] = p[1], p[1] = p[2] = p[0];
        break;
    case 3:  // RGB
        for (uint8_t* p = image.pixels.data(); p != end; p += 4) p[3] = 255;
        break;
    default:
        break;
    }
    return image;
}

// Opens `name` (through `proxy` when given) and reads it as RGBA8.
template <class Fail>
RgbaImage open_and_read_rgba8(const std::string& name, OIIO::Filesystem::IOProxy* proxy,
                              const DecodeLimits& limits, Fail fail) {
    ImageSpec config;
    config.attribute(kUnassociatedAlpha, 1);
    if (proxy) config.attribute("oiio:ioproxy", TypeDesc::PTR, &proxy);
    auto input = ImageInput::open(name, &config);
    if (!input) throw fail(problem_of<ImageInput>(nullptr));
    return read_rgba8(*input, limits, fail);
}

// The spec for writing `image` with `channels` channels (3 drops alpha).
ImageSpec output_spec(const RgbaView& image, int channels) {
    ImageSpec spec(int(image.width), int(image.height), channels, TypeDesc::UINT8);
    if (channels == 4) {
        spec.alpha_channel = 3;
        spec.attribute(kUnassociatedAlpha, 1);
    }
    return spec;
}

// Writes the view straight from its memory: the 4-byte pixel stride skips
// alpha when the spec has three channels, and the row stride is the view's.
bool write_view(ImageOutput& output, const std::string& name, const ImageSpec& spec, const RgbaView& image) {
    return output.open(name, spec) &&
           output.write_image(TypeDesc::UINT8, image.pixels, 4, OIIO::stride_t(image.stride)) && output.close();
}

EncodedImage encode_in_memory(const RgbaView& image, const ImageSpec& spec, const char* format,
                              const char* mime_type, const char* extension) {
    EncodedImage encoded{{}, mime_type, extension, image.width, image.height};
    OIIO::Filesystem::IOVecOutput sink(encoded.bytes);
    const std::string name = std::string("memory.") + extension;
    auto output = ImageOutput::create(name, &sink);
    if (!output || !write_view(*output, name, spec, image))
        throw Error(GENLAYER_INTERNAL, "Encoding a " + std::string(format) + " image in memory failed (" +
                                           problem_of(output.get()) + ").");
    return encoded;
}

}  // namespace

bool has_transparency(const RgbaView& image) {
    for (uint32_t y = 0; y < image.height; ++y) {
        // A branch-free AND over the row vectorises; the exit is per row.
        const uint8_t* row = image.pixels + y * image.stride;
        uint8_t all_alpha = 255;
        for (uint32_t x = 0; x < image.width; ++x) all_alpha &= row[x * 4 + 3];
        if (all_alpha != 255) return true;
    }
    return false;
}

EncodedImage encode_png(const RgbaView& image, int compression_level) {
    ImageSpec spec = output_spec(image, 4);
    spec.attribute("png:compressionLevel", compression_level);
    return encode_in_memory(image, spec, "PNG", "image/png", "png");
}

EncodedImage encode_jpeg(const RgbaView& image, int quality) {
    ImageSpec spec = output_spec(image, 3);
    spec.attribute("Compression", "jpeg:" + std::to_string(quality));
    return encode_in_memory(image, spec, "JPEG", "image/jpeg", "jpg");
}

RgbaImage decode_image(std::span<const uint8_t> bytes, const DecodeLimits& limits) {
    const char* name = sniffed_name(bytes);
    const auto fail = [name](std::string problem) {
        // OpenImageIO quotes the made-up file name, which means nothing to a person.
        const std::string quoted_name = std::string(" (\"") + (name ? name : "") + "\")";
        if (const size_t at = problem.find(quoted_name); at != std::string::npos) problem.erase(at, quoted_name.size());
        return Error(GENLAYER_BAD_RESPONSE, "The result image could not be decoded (" + problem + ").");
    };
    if (!name) throw fail("it is not a PNG, JPEG, WebP or GIF image");
    if (name == std::string_view("memory.png"))
        if (auto damage = png_damage(bytes)) throw fail(*damage);

    OIIO::Filesystem::IOMemReader source(bytes.data(), bytes.size());
    return open_and_read_rgba8(name, &source, limits, fail);
}

RgbaImage read_image_file(const std::string& path, const DecodeLimits& limits) {
    const auto fail = [&path](const std::string& problem) {
        return Error(GENLAYER_INVALID_REQUEST, "The image file " + path + " could not be read (" + problem + ").");
    };
    std::error_code ignored;
    if (!std::filesystem::exists(path, ignored)) throw fail("it does not exist");
    return open_and_read_rgba8(path, nullptr, limits, fail);
}

void write_image_file(const std::string& path, const RgbaView& image) {
    auto output = ImageOutput::create(path);
    if (!output)
        throw Error(GENLAYER_INVALID_REQUEST, "The output file " + path +
                                                  " has no image format that can be written (" +
                                                  problem_of<ImageOutput>(nullptr) + "); end it in .png or .jpg.");
    ImageSpec spec = output_spec(image, output->supports("alpha") ? 4 : 3);
    const std::string format = output->format_name();
    if (format == "png") spec.attribute("png:compressionLevel", kFastPngCompression);
    if (format == "jpeg") spec.attribute("Compression", "jpeg:" + std::to_string(kFileJpegQuality));
    if (!write_view(*output, path, spec, image))
        throw Error(GENLAYER_INTERNAL, "Writing the image file " + path + " failed (" + problem_of(output.get()) +
                                           "); check that its folder exists and is writable.");
}

}  // namespace genlayer
