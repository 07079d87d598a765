// The in-process image decoders, on any bytes: whole decodes (PNG, JPEG,
// WebP, and the PNG integrity check that runs before a result is handed to
// OpenImageIO) and the banded reading of a local reference, scaled as it is
// read. Each gives pixels within the limits or a CodecProblem phrase.
#include "fuzz_support.hpp"
#include "image/codec_common.hpp"
#include "image/image_format.hpp"
#include "image/jpeg_codec.hpp"
#include "image/png_codec.hpp"
#include "image/webp_codec.hpp"

#include <algorithm>
#include <cstdio>
#include <memory>
#include <optional>

using namespace genlayer;

namespace {

// Small enough that an input declaring the most it may costs little.
constexpr DecodeLimits kLimits{2048, uint64_t(4) * 1024 * 1024};
constexpr uint32_t kLongEdge = 64;

void require_fit(const RgbaImage& image, uint32_t long_edge) {
    fuzz::require(image.width > 0 && image.height > 0, "a decoded image has pixels");
    fuzz::require(image.width <= kLimits.max_side && image.height <= kLimits.max_side,
                  "a decoded image keeps to the side limit");
    fuzz::require(image.pixels.size() == size_t(image.width) * image.height * 4, "a decoded image holds its RGBA8");
    if (long_edge != 0)
        fuzz::require(std::max(image.width, image.height) <= long_edge, "a banded read is scaled to the long edge");
}

void require_phrase(const CodecProblem& problem) {
    const std::string_view phrase = problem.what();
    fuzz::require(!phrase.empty() && phrase.size() < 400, "a codec problem is a short phrase");
    for (const char c : phrase) fuzz::require(c >= 0x20 && c < 0x7f, "a codec problem is printable");
}

template <typename Decode>
void decode_or_refuse(Decode decode, uint32_t long_edge) {
    try {
        if (const std::optional<RgbaImage> image = decode()) require_fit(*image, long_edge);
    } catch (const CodecProblem& problem) {
        require_phrase(problem);
    }
}

struct FileCloser {
    void operator()(std::FILE* file) const { std::fclose(file); }
};

// The bytes as an open file, as a local reference is read.
std::unique_ptr<std::FILE, FileCloser> file_of(const uint8_t* data, size_t size) {
    return std::unique_ptr<std::FILE, FileCloser>(fmemopen(const_cast<uint8_t*>(data), size, "rb"));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;  // fmemopen refuses an empty buffer
    const std::span<const uint8_t> bytes(data, size);
    const auto file = file_of(data, size);
    fuzz::require(file != nullptr, "the bytes open as a file");
    switch (sniff_image_format(bytes)) {
        case ImageFormat::png:
            decode_or_refuse(
                [&] {
                    check_png_intact(bytes);
                    return std::optional(decode_png(bytes, kLimits));
                },
                0);
            decode_or_refuse([&] { return std::optional(read_png_file(file.get(), kLongEdge, kLimits)); }, kLongEdge);
            break;
        case ImageFormat::jpeg:
            decode_or_refuse([&] { return decode_jpeg(bytes, kLimits); }, 0);
            decode_or_refuse([&] { return read_jpeg_file(file.get(), kLongEdge, kLimits); }, kLongEdge);
            break;
        case ImageFormat::webp:
            decode_or_refuse([&] { return std::optional(decode_webp(bytes, kLimits)); }, 0);
            decode_or_refuse([&] { return std::optional(decode_webp(bytes, kLimits, kLongEdge)); }, kLongEdge);
            break;
        case ImageFormat::gif:
        case ImageFormat::other: break;  // read by OpenImageIO, which this target does not load
    }
    return 0;
}
