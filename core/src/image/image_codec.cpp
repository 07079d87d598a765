#include "image/image_codec.hpp"

#include "base/atomic_file.hpp"
#include "base/status.hpp"
#include "image/image_file_module.hpp"
#include "image/image_format.hpp"
#include "image/jpeg_codec.hpp"
#include "image/png_codec.hpp"
#include "image/reference_image.hpp"
#include "image/webp_codec.hpp"

#include <unistd.h>
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <optional>

namespace genlayer {
namespace {

constexpr int kFileJpegQuality = 92;
constexpr mode_t kImageFileMode = 0644;
constexpr const char* kUnknownFormat = "it is not a PNG, JPEG, WebP or GIF image";

RgbaImage checked(const ModuleOutcome& outcome, RgbaImage image) {
    if (outcome.kind != ModuleOutcome::ok) throw CodecProblem(outcome.problem);
    return image;
}

RgbaImage decode_through_module(std::span<const uint8_t> bytes, const char* extension, const DecodeLimits& limits) {
    RgbaImage image;
    const ModuleOutcome outcome = image_file_module().decode(bytes, extension, limits, image);
    return checked(outcome, std::move(image));
}

// The in-process codecs, or the module for GIF and CMYK JPEG.
RgbaImage decode_bytes(std::span<const uint8_t> bytes, const DecodeLimits& limits) {
    switch (sniff_image_format(bytes)) {
        case ImageFormat::png: return decode_png(bytes, limits);
        case ImageFormat::jpeg:
            if (auto image = decode_jpeg(bytes, limits)) return std::move(*image);
            return decode_through_module(bytes, "jpg", limits);
        case ImageFormat::webp: return decode_webp(bytes, limits);
        case ImageFormat::gif: return decode_through_module(bytes, "gif", limits);
        case ImageFormat::other: break;
    }
    throw CodecProblem(kUnknownFormat);
}

Error result_problem(const CodecProblem& problem) {
    return Error(GENLAYER_BAD_RESPONSE, std::string("The result image could not be decoded (") + problem.what() + ").");
}

struct FileCloser {
    void operator()(std::FILE* file) const { std::fclose(file); }
};
using OpenFile = std::unique_ptr<std::FILE, FileCloser>;

OpenFile open_image_file(const std::string& path) {
    std::error_code error;
    // A folder opens like a file and reads as nothing.
    if (std::filesystem::is_directory(path, error)) throw CodecProblem("it is a folder");
    OpenFile file(std::fopen(path.c_str(), "rb"));
    if (!file) throw CodecProblem(errno == ENOENT ? "it does not exist" : std::strerror(errno));
    return file;
}

std::vector<uint8_t> rest_of(std::FILE* file) {
    std::vector<uint8_t> bytes;
    uint8_t buffer[64 * 1024];
    for (size_t got; (got = std::fread(buffer, 1, sizeof buffer, file)) > 0;)
        bytes.insert(bytes.end(), buffer, buffer + got);
    if (std::ferror(file)) throw CodecProblem(std::string("reading it failed: ") + std::strerror(errno));
    return bytes;
}

// The module reads the whole image, within `limits`, then it is scaled.
RgbaImage read_through_module(const std::string& path, uint32_t max_long_edge, const DecodeLimits& limits) {
    RgbaImage image;
    const ModuleOutcome outcome = image_file_module().read_file(path, limits, image);
    image = checked(outcome, std::move(image));
    if (max_long_edge == 0 || std::max(image.width, image.height) <= max_long_edge) return image;
    return downscale_to_fit(view_of(image), max_long_edge);
}

// PNG, JPEG and WebP are decoded (and scaled) as they are read; whatever
// else OpenImageIO reads by its path (TIFF, EXR, GIF, CMYK JPEG, …).
RgbaImage read_file(const std::string& path, uint32_t max_long_edge, const DecodeLimits& limits) {
    const OpenFile file = open_image_file(path);
    uint8_t head[16] = {};
    const size_t head_size = std::fread(head, 1, sizeof head, file.get());
    if (std::fseek(file.get(), 0, SEEK_SET) != 0)
        throw CodecProblem(std::string("reading it failed: ") + std::strerror(errno));
    switch (sniff_image_format({head, head_size})) {
        case ImageFormat::png: return read_png_file(file.get(), max_long_edge, limits);
        case ImageFormat::jpeg:
            if (auto image = read_jpeg_file(file.get(), max_long_edge, limits)) return std::move(*image);
            break;
        case ImageFormat::webp: return decode_webp(rest_of(file.get()), limits, max_long_edge);
        case ImageFormat::gif:
        case ImageFormat::other: break;
    }
    return read_through_module(path, max_long_edge, limits);
}

// Formats besides PNG and JPEG: the module writes beside the file under a
// name with the same extension (which names the format), renamed into place.
void write_through_module(const std::string& path, const RgbaView& image) {
    const std::filesystem::path target(path);
    auto temp = target.parent_path() / target.stem();
    temp += ".tmp" + std::to_string(::getpid());
    temp += target.extension();
    ModuleOutcome outcome;
    try {
        outcome = image_file_module().write_file(temp.string(), image);
    } catch (const CodecProblem& problem) {
        throw Error(GENLAYER_INTERNAL, "The image file " + path + " could not be written (" + problem.what() + ").");
    }
    if (outcome.kind == ModuleOutcome::ok) return rename_into_place(temp, path);
    ::unlink(temp.c_str());
    if (outcome.kind == ModuleOutcome::unknown_format)
        throw Error(GENLAYER_INVALID_REQUEST, "The output file " + path + " has no image format that can be written (" +
                                                  outcome.problem + "); end it in .png or .jpg.");
    throw Error(GENLAYER_INTERNAL, "Could not write " + path + " (" + outcome.problem +
                                       "); check the folder's permissions and free space.");
}

std::string_view as_text(const std::vector<uint8_t>& bytes) {
    return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
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

EncodedImage encode_png(const RgbaView& image, PngCompression compression) {
    try {
        return {encode_png_bytes(image, compression), "image/png", "png", image.width, image.height};
    } catch (const CodecProblem& problem) {
        throw Error(GENLAYER_INTERNAL, std::string("Encoding a PNG image in memory failed (") + problem.what() + ").");
    }
}

EncodedImage encode_jpeg(const RgbaView& image, int quality) {
    try {
        return {encode_jpeg_bytes(image, quality), "image/jpeg", "jpg", image.width, image.height};
    } catch (const CodecProblem& problem) {
        throw Error(GENLAYER_INTERNAL, std::string("Encoding a JPEG image in memory failed (") + problem.what() + ").");
    }
}

RgbaImage decode_image(std::span<const uint8_t> bytes, const DecodeLimits& limits) {
    try {
        return decode_bytes(bytes, limits);
    } catch (const CodecProblem& problem) {
        throw result_problem(problem);
    }
}

RgbaImage read_image_file(const std::string& path, const DecodeLimits& limits, uint32_t max_long_edge) {
    try {
        return read_file(path, max_long_edge, limits);
    } catch (const CodecProblem& problem) {
        throw Error(GENLAYER_INVALID_REQUEST,
                    "The image file " + path + " could not be read (" + problem.what() + ").");
    }
}

void write_image_file(const std::string& path, const RgbaView& image) {
    switch (format_of_extension(path)) {
        case ImageFormat::png:
            write_file_atomically(path, as_text(encode_png(image, kFastPngCompression).bytes), kImageFileMode);
            return;
        case ImageFormat::jpeg:
            write_file_atomically(path, as_text(encode_jpeg(image, kFileJpegQuality).bytes), kImageFileMode);
            return;
        default: write_through_module(path, image);
    }
}

}  // namespace genlayer
