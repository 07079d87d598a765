#include "image/png_codec.hpp"

#include "image/row_downscaler.hpp"

#include <png.h>
#include <zlib.h>

#include <csetjmp>
#include <cstdio>
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
bool write_png(png_structp png, png_infop info, const RgbaView& image, PngCompression compression, PngSink* sink) {
    if (setjmp(png_jmpbuf(png))) return false;
    png_set_write_fn(png, sink, append_to_sink, nullptr);
    png_set_compression_level(png, compression.level);
    if (compression.run_length) png_set_compression_strategy(png, Z_RLE);
    // One filter, Up, instead of libpng's per-row trial of all five: a third
    // faster at level 1, and no larger on photographs or flat colour.
    png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_UP);
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

// libpng allocates a metadata chunk's declared length before it reads the
// chunk, so a 4 KB file that declares 2 GB of text would cost 2 GB. None of
// these chunks changes the pixels read here; skipped, they are read past
// in small pieces.
void skip_metadata_chunks(png_structp png) {
    static constexpr png_byte kMetadata[] = "tEXt\0zTXt\0iTXt\0iCCP\0sPLT\0eXIf\0pCAL\0sCAL";
    png_set_keep_unknown_chunks(png, PNG_HANDLE_CHUNK_NEVER, kMetadata, sizeof kMetadata / 5);
}

// What a file read needs to report: libpng's last message, and whether the
// file ended early (libpng would only say "Read Error").
struct PngFileReading {
    std::FILE* file;
    bool truncated = false;
    char message[128] = {};
};

void read_from_file(png_structp png, png_bytep data, png_size_t size) {
    auto* reading = static_cast<PngFileReading*>(png_get_io_ptr(png));
    if (std::fread(data, 1, size, reading->file) != size) {
        reading->truncated = true;
        png_error(png, "truncated");
    }
}

[[noreturn]] void keep_message_and_jump(png_structp png, png_const_charp message) {
    auto* reading = static_cast<PngFileReading*>(png_get_error_ptr(png));
    std::snprintf(reading->message, sizeof reading->message, "%s", message);
    png_longjmp(png, 1);
}

// The steps of a file read, each in a frame that holds only trivially
// destructible objects, so that libpng's longjmp skips no destructor. Each
// returns false when libpng failed.

// Reads the header and asks for straight RGBA8 rows whatever the file holds.
bool read_png_header(png_structp png, png_infop info) {
    if (setjmp(png_jmpbuf(png))) return false;
    png_read_info(png, info);
    png_set_expand(png);    // palette to RGB, gray below 8 bits to 8, tRNS to alpha
    png_set_scale_16(png);  // 16-bit samples rounded to 8
    png_set_gray_to_rgb(png);
    png_set_add_alpha(png, 0xff, PNG_FILLER_AFTER);  // only where there is none
    if (png_get_interlace_type(png, info) != PNG_INTERLACE_NONE) png_set_interlace_handling(png);
    png_read_update_info(png, info);
    return true;
}

bool read_png_row(png_structp png, uint8_t* row) {
    if (setjmp(png_jmpbuf(png))) return false;
    png_read_row(png, row, nullptr);
    return true;
}

bool read_png_rows(png_structp png, uint8_t** rows) {
    if (setjmp(png_jmpbuf(png))) return false;
    png_read_image(png, rows);
    return true;
}

// libpng's read structures, freed on every way out.
struct PngReadStructs {
    png_structp png = nullptr;
    png_infop info = nullptr;
    explicit PngReadStructs(PngFileReading& reading) {
        png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &reading, keep_message_and_jump, ignore_message);
        if (png) info = png_create_info_struct(png);
        if (png) png_set_read_fn(png, &reading, read_from_file);
        if (png) skip_metadata_chunks(png);
    }
    ~PngReadStructs() { png_destroy_read_struct(&png, &info, nullptr); }
    PngReadStructs(const PngReadStructs&) = delete;
    PngReadStructs& operator=(const PngReadStructs&) = delete;
};

CodecProblem problem_of(const PngFileReading& reading) {
    if (reading.truncated) return CodecProblem("the PNG data is truncated");
    const std::string_view message = reading.message;
    if (message.find("CRC") != std::string_view::npos) return CodecProblem("a PNG chunk fails its checksum");
    if (message == "Not enough image data") return CodecProblem("the PNG data ends before its last row");
    return CodecProblem(message.empty() ? "libpng gave no detail" : std::string(message));
}

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

std::vector<uint8_t> encode_png_bytes(const RgbaView& image, PngCompression compression) {
    std::vector<uint8_t> bytes;
    // zlib at level 1 shrinks a photo to about half of its raw size.
    bytes.reserve(image.height * size_t(image.width) * 2 + 1024);
    PngSink sink{&bytes};
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, jump_on_error, ignore_message);
    png_infop info = png ? png_create_info_struct(png) : nullptr;
    const bool written = info && write_png(png, info, image, compression, &sink);
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

RgbaImage read_png_file(std::FILE* file, uint32_t max_long_edge, const DecodeLimits& limits) {
    PngFileReading reading{file};
    const PngReadStructs structs(reading);
    if (!structs.info) throw CodecProblem("out of memory while reading a PNG");
    png_structp png = structs.png;
    if (!read_png_header(png, structs.info)) throw problem_of(reading);
    const PixelSize source{png_get_image_width(png, structs.info), png_get_image_height(png, structs.info)};
    check_sides(source.width, source.height, limits);
    const PixelSize output = fitted_size(source.width, source.height, max_long_edge ? max_long_edge : UINT32_MAX);
    check_decoded_bytes(output.width, output.height, limits);

    if (png_get_interlace_type(png, structs.info) != PNG_INTERLACE_NONE) {
        check_decoded_bytes(source.width, source.height, limits);
        RgbaImage whole(source.width, source.height);
        std::vector<uint8_t*> rows(source.height);
        for (uint32_t y = 0; y < source.height; ++y) rows[y] = whole.row(y);
        if (!read_png_rows(png, rows.data())) throw problem_of(reading);
        if (output == source) return whole;
        RowDownscaler downscaler(source, output);
        for (uint8_t* row : rows) downscaler.add_row(row);
        return downscaler.take_result();
    }
    if (output == source) {
        RgbaImage image(source.width, source.height);
        for (uint32_t y = 0; y < source.height; ++y)
            if (!read_png_row(png, image.row(y))) throw problem_of(reading);
        return image;
    }
    RowDownscaler downscaler(source, output);
    std::vector<uint8_t> row(size_t(source.width) * 4);
    for (uint32_t y = 0; y < source.height; ++y) {
        if (!read_png_row(png, row.data())) throw problem_of(reading);
        downscaler.add_row(row.data());
    }
    return downscaler.take_result();
}

}  // namespace genlayer
