#include "image/jpeg_codec.hpp"

#include <turbojpeg.h>

#include <memory>
#include <string>

namespace genlayer {
namespace {

struct TurboJpegDeleter {
    void operator()(void* handle) const { tjDestroy(handle); }
};
using TurboJpeg = std::unique_ptr<void, TurboJpegDeleter>;

struct TurboJpegBufferDeleter {
    void operator()(unsigned char* buffer) const { tjFree(buffer); }
};

// TurboJPEG keeps libjpeg's messages per handle instead of printing them.
CodecProblem problem_of(const TurboJpeg& handle) {
    return CodecProblem(handle ? tjGetErrorStr2(handle.get()) : "TurboJPEG could not start");
}

}  // namespace

std::vector<uint8_t> encode_jpeg_bytes(const RgbaView& image, int quality) {
    const TurboJpeg handle(tjInitCompress());
    unsigned char* buffer = nullptr;
    unsigned long size = 0;
    // RGBX reads the 4-byte pixels in place and ignores alpha.
    const int failed = !handle || tjCompress2(handle.get(), image.pixels, int(image.width), int(image.stride),
                                              int(image.height), TJPF_RGBX, &buffer, &size, TJSAMP_420, quality, 0);
    const std::unique_ptr<unsigned char, TurboJpegBufferDeleter> owned(buffer);
    if (failed) throw problem_of(handle);
    return std::vector<uint8_t>(buffer, buffer + size);
}

std::optional<RgbaImage> decode_jpeg(std::span<const uint8_t> bytes, const DecodeLimits& limits) {
    const TurboJpeg handle(tjInitDecompress());
    int width = 0, height = 0, subsampling = 0, colorspace = 0;
    if (!handle ||
        tjDecompressHeader3(handle.get(), bytes.data(), bytes.size(), &width, &height, &subsampling, &colorspace) != 0)
        throw problem_of(handle);
    if (colorspace == TJCS_CMYK || colorspace == TJCS_YCCK) return std::nullopt;
    check_dimensions(uint64_t(width), uint64_t(height), limits);
    RgbaImage image{uint32_t(width), uint32_t(height)};
    // Warnings count: a cut-short file "decodes" with its missing rows gray.
    if (tjDecompress2(handle.get(), bytes.data(), bytes.size(), image.pixels.data(), width, int(image.row_bytes()),
                      height, TJPF_RGBA, TJFLAG_STOPONWARNING) != 0)
        throw problem_of(handle);
    return image;
}

}  // namespace genlayer
