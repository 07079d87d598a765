#include "image/jpeg_codec.hpp"

#include "image/row_downscaler.hpp"

// jpeglib.h needs FILE and size_t declared first.
#include <cstddef>
#include <cstdio>

#include <jpeglib.h>
#include <turbojpeg.h>

#include <csetjmp>
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

// libjpeg reports errors through this manager: the message is kept and the
// read jumps back. A warning counts as an error: a cut-short file would
// otherwise "decode" with its missing rows gray.
struct JpegErrors {
    jpeg_error_mgr manager{};
    std::jmp_buf jump{};
    char message[JMSG_LENGTH_MAX] = {};
};

[[noreturn]] void keep_message_and_jump(j_common_ptr jpeg) {
    auto* errors = reinterpret_cast<JpegErrors*>(jpeg->err);
    (*jpeg->err->format_message)(jpeg, errors->message);
    std::longjmp(errors->jump, 1);
}

void fail_on_warning(j_common_ptr jpeg, int level) {
    if (level < 0) keep_message_and_jump(jpeg);
}

// libjpeg's decompressor reading a file, destroyed on every way out.
struct JpegFileReader {
    jpeg_decompress_struct jpeg{};
    JpegErrors errors;
    explicit JpegFileReader(std::FILE* file) {
        jpeg.err = jpeg_std_error(&errors.manager);
        errors.manager.error_exit = keep_message_and_jump;
        errors.manager.emit_message = fail_on_warning;
        jpeg_create_decompress(&jpeg);
        jpeg_stdio_src(&jpeg, file);
    }
    ~JpegFileReader() { jpeg_destroy_decompress(&jpeg); }
    JpegFileReader(const JpegFileReader&) = delete;
    JpegFileReader& operator=(const JpegFileReader&) = delete;
    CodecProblem problem() const { return CodecProblem(errors.message); }
};

// The steps of a read, each in a frame that holds only trivially
// destructible objects, so that the longjmp skips no destructor. Each
// returns false when libjpeg failed.
bool read_jpeg_header(JpegFileReader& reader) {
    if (setjmp(reader.errors.jump)) return false;
    jpeg_read_header(&reader.jpeg, TRUE);
    return true;
}

bool start_jpeg_decompress(JpegFileReader& reader, unsigned scale_denom) {
    if (setjmp(reader.errors.jump)) return false;
    reader.jpeg.scale_num = 1;
    reader.jpeg.scale_denom = scale_denom;
    reader.jpeg.out_color_space = JCS_EXT_RGBA;  // alpha 255
    jpeg_start_decompress(&reader.jpeg);
    return true;
}

bool read_jpeg_scanline(JpegFileReader& reader, uint8_t* row) {
    if (setjmp(reader.errors.jump)) return false;
    JSAMPROW rows[] = {row};
    jpeg_read_scanlines(&reader.jpeg, rows, 1);
    return true;
}

// The largest DCT scaling (1/8 at most) that keeps the long edge at or above `wanted`.
unsigned scale_denom_for(uint32_t long_edge, uint32_t wanted) {
    unsigned denom = 8;
    while (denom > 1 && (long_edge + denom - 1) / denom < wanted) denom /= 2;
    return denom;
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

std::optional<RgbaImage> read_jpeg_file(std::FILE* file, uint32_t max_long_edge, const DecodeLimits& limits) {
    JpegFileReader reader(file);
    if (!read_jpeg_header(reader)) throw reader.problem();
    jpeg_decompress_struct& jpeg = reader.jpeg;
    if (jpeg.jpeg_color_space == JCS_CMYK || jpeg.jpeg_color_space == JCS_YCCK) return std::nullopt;
    check_sides(jpeg.image_width, jpeg.image_height, limits);
    const uint32_t wanted = max_long_edge ? max_long_edge : UINT32_MAX;
    const PixelSize output = fitted_size(jpeg.image_width, jpeg.image_height, wanted);
    check_decoded_bytes(output.width, output.height, limits);

    if (!start_jpeg_decompress(reader, scale_denom_for(std::max(jpeg.image_width, jpeg.image_height), wanted)))
        throw reader.problem();
    const PixelSize decoded{jpeg.output_width, jpeg.output_height};
    const PixelSize fitted = fitted_size(decoded.width, decoded.height, wanted);
    if (fitted == decoded) {
        RgbaImage image(decoded.width, decoded.height);
        for (uint32_t y = 0; y < decoded.height; ++y)
            if (!read_jpeg_scanline(reader, image.row(y))) throw reader.problem();
        return image;
    }
    RowDownscaler downscaler(decoded, fitted);
    std::vector<uint8_t> row(size_t(decoded.width) * 4);
    for (uint32_t y = 0; y < decoded.height; ++y) {
        if (!read_jpeg_scanline(reader, row.data())) throw reader.problem();
        downscaler.add_row(row.data());
    }
    return downscaler.take_result();
}

}  // namespace genlayer
