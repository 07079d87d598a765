#include "image/png_codec.hpp"

#include <png.h>
#include <zlib.h>

#include <csetjmp>
#include <cstring>
#include <new>
#include <string>
#include <string_view>

namespace genlayer {
namespace {

constexpr std::string_view kPngSignature = "\x89PNG\r\n\x1a\n";

uint32_t big_endian_32(const uint8_t* p) { return uint32_t(p[0]) << 24 | p[1] << 16 | p[2] << 8 | p[3]; }

// Where libpng's write callback appends. Growth failures are recorded and
// raised as a png_error outside any C++ frame that has a destructor.
struct PngSink {
    std::vector<uint8_t>* bytes;
    bool out_of_memory = false;
};

void append_to_sink(png_structp png, png_bytep data, png_size_t size) {
    auto* sink = static_cast<PngSink*>(png_get_io_ptr(png));
    try {
        sink->bytes->insert(sink->bytes->end(), data, data + size);
    } catch (const std::bad_alloc&) {
        sink->out_of_memory = true;
    }
    if (sink->out_of_memory) png_error(png, "out of memory");
}

// libpng reports errors by longjmp: this frame holds only trivially
// destructible objects, so jumping out of it skips no destructor. Returns
// false when libpng failed.
bool write_png(png_structp png, png_infop info, const RgbaView& image, int compression_level, PngSink* sink) {
    if (setjmp(png_jmpbuf(png))) return false;
    png_set_write_fn(png, sink, append_to_sink, nullptr);
    png_set_compression_level(png, compression_level);
    png_set_IHDR(png, info, image.width, image.height, 8, PNG_COLOR_TYPE_RGB_ALPHA, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    for (uint32_t y = 0; y < image.height; ++y) png_write_row(png, image.pixels + y * image.stride);
    png_write_end(png, info);
    return true;
}

// libpng's own messages go nowhere: a failure is reported by its outcome.
void ignore_message(png_structp, png_const_charp) {}
[[noreturn]] void jump_on_error(png_structp png, png_const_charp) { png_longjmp(png, 1); }

// libpng's simplified reading API, freed on every way out. It keeps its
// messages in the struct instead of printing them.
struct SimplifiedPngReader {
    png_image png{};
    SimplifiedPngReader() { png.version = PNG_IMAGE_VERSION; }
    ~SimplifiedPngReader() { png_image_free(&png); }
    SimplifiedPngReader(const SimplifiedPngReader&) = delete;
    SimplifiedPngReader& operator=(const SimplifiedPngReader&) = delete;
    std::string message() const { return png.message[0] ? png.message : "libpng gave no detail"; }
};

}  // namespace

void check_png_intact(std::span<const uint8_t> bytes) {
    constexpr size_t kChunkOverhead = 12;  // length, type, CRC
    size_t at = kPngSignature.size();
    while (bytes.size() - at >= kChunkOverhead) {
        const uint8_t* chunk = bytes.data() + at;
        const uint32_t length = big_endian_32(chunk);
        if (length > bytes.size() - at - kChunkOverhead) break;
        if (::crc32(0, chunk + 4, length + 4) != big_endian_32(chunk + 8 + length))
            throw CodecProblem("a PNG chunk fails its checksum");
        if (std::memcmp(chunk + 4, "IEND", 4) == 0) return;
        at += kChunkOverhead + length;
    }
    throw CodecProblem("the PNG data is truncated");
}

std::vector<uint8_t> encode_png_bytes(const RgbaView& image, int compression_level) {
    std::vector<uint8_t> bytes;
    // zlib at level 1 shrinks a photo to about half of its raw size.
    bytes.reserve(image.height * size_t(image.width) * 2 + 1024);
    PngSink sink{&bytes};
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, jump_on_error, ignore_message);
    png_infop info = png ? png_create_info_struct(png) : nullptr;
    const bool written = info && write_png(png, info, image, compression_level, &sink);
    png_destroy_write_struct(&png, &info);
    if (!written) throw CodecProblem("out of memory while encoding a PNG");
    return bytes;
}

RgbaImage decode_png(std::span<const uint8_t> bytes, const DecodeLimits& limits) {
    check_png_intact(bytes);

    SimplifiedPngReader reader;
    png_image& png = reader.png;
    if (!png_image_begin_read_from_memory(&png, bytes.data(), bytes.size())) throw CodecProblem(reader.message());
    check_dimensions(png.width, png.height, limits);
    png.format = PNG_FORMAT_RGBA;
    // 16-bit files without colour information are sRGB in practice, not
    // linear as libpng would otherwise assume.
    png.flags |= PNG_IMAGE_FLAG_16BIT_sRGB;
    RgbaImage image(png.width, png.height);
    if (!png_image_finish_read(&png, nullptr, image.pixels.data(), int(image.row_bytes()), nullptr))
        throw CodecProblem(reader.message());
    return image;
}

}  // namespace genlayer
