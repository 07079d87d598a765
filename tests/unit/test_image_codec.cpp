#include "base/status.hpp"
#include "hand_made_png.hpp"
#include "image/image_codec.hpp"
#include "image/image_file_module.hpp"
#include "image_bombs.hpp"
#include "test_images.hpp"

#include <OpenImageIO/filesystem.h>
#include <OpenImageIO/imageio.h>
#include <turbojpeg.h>
#include <catch2/catch.hpp>

#include <unistd.h>
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>

using genlayer::RgbaImage;
using genlayer::test::HandMadePng;
using genlayer::test::opaque_gradient;
using genlayer::test::varied_image;

namespace {

// Encodes raw pixels of any OpenImageIO spec in memory (16-bit, gray, …).
std::vector<uint8_t> encode_with_oiio(const OIIO::ImageSpec& spec, const void* pixels, const char* name) {
    std::vector<uint8_t> bytes;
    OIIO::Filesystem::IOVecOutput sink(bytes);
    auto output = OIIO::ImageOutput::create(name, &sink);
    REQUIRE(output);
    REQUIRE(output->open(name, spec));
    REQUIRE(output->write_image(spec.format, pixels));
    REQUIRE(output->close());
    return bytes;
}

template <class Action>
genlayer::Error error_of(Action&& action) {
    try {
        action();
    } catch (const genlayer::Error& error) {
        return error;
    }
    FAIL("no genlayer::Error was thrown");
    return genlayer::Error(GENLAYER_OK, "");
}

genlayer::Error decode_error(const std::vector<uint8_t>& bytes, const genlayer::DecodeLimits& limits = {}) {
    return error_of([&] { genlayer::decode_image(bytes, limits); });
}

// Everything written to stderr while it lives (OpenImageIO and libpng must
// not print there: a sentence in an Error is the only report).
class StderrCapture {
public:
    StderrCapture() : file_(std::tmpfile()), saved_(dup(STDERR_FILENO)) {
        std::fflush(stderr);
        dup2(fileno(file_), STDERR_FILENO);
    }
    ~StderrCapture() {
        restore();
        std::fclose(file_);
    }
    std::string text() {
        restore();
        std::string captured;
        std::rewind(file_);
        for (int c; (c = std::fgetc(file_)) != EOF;) captured += char(c);
        return captured;
    }

private:
    void restore() {
        if (saved_ < 0) return;
        std::fflush(stderr);
        dup2(saved_, STDERR_FILENO);
        close(saved_);
        saved_ = -1;
    }
    std::FILE* file_;
    int saved_;
};

std::filesystem::path scratch_dir() {
    const auto dir = std::filesystem::temp_directory_path() / ("genlayer-codec-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    return dir;
}

std::vector<uint8_t> file_bytes(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

int max_channel_difference(const RgbaImage& a, const RgbaImage& b) {
    int worst = 0;
    for (size_t i = 0; i < a.pixels.size(); ++i) worst = std::max(worst, std::abs(a.pixels[i] - b.pixels[i]));
    return worst;
}

}  // namespace

TEST_CASE("a PNG round-trips straight alpha exactly, from a view with padded rows", "[image_codec]") {
    const RgbaImage original = varied_image(37, 23);
    // The same pixels behind a stride of 40 pixels, padding filled with junk.
    std::vector<uint8_t> padded(40 * 4 * 23, 0xab);
    for (uint32_t y = 0; y < 23; ++y) std::copy_n(original.row(y), original.row_bytes(), padded.data() + y * 160);

    const genlayer::EncodedImage png = genlayer::encode_png({37, 23, 160, padded.data()}, {1});
    CHECK(png.mime_type == "image/png");
    CHECK(png.extension == "png");
    CHECK(png.width == 37);
    CHECK(png.height == 23);

    const RgbaImage decoded = genlayer::decode_image(png.bytes);
    REQUIRE(decoded.width == 37);
    REQUIRE(decoded.height == 23);
    CHECK(decoded.pixels == original.pixels);
}

TEST_CASE("a higher PNG compression level gives fewer bytes", "[image_codec]") {
    const RgbaImage image = opaque_gradient(256, 256);
    CHECK(genlayer::encode_png(view_of(image), {9}).bytes.size() <
          genlayer::encode_png(view_of(image), {0}).bytes.size());
}

TEST_CASE("the client's run-length PNG keeps every pixel and beats level 1 on grain", "[image_codec]") {
    // A gradient with grain, like a photo, and a soft alpha.
    RgbaImage grainy = opaque_gradient(256, 256);
    uint32_t seed = 1;
    for (size_t i = 0; i < grainy.pixels.size(); ++i) {
        seed = seed * 1664525u + 1013904223u;
        const int grain = int(seed >> 28) - 8;
        grainy.pixels[i] = i % 4 == 3 ? uint8_t(i / 1024) : uint8_t(std::clamp(grainy.pixels[i] + grain, 0, 255));
    }
    const auto client = genlayer::encode_png(view_of(grainy), genlayer::kClientPngCompression).bytes;
    CHECK(genlayer::decode_image(client).pixels == grainy.pixels);
    CHECK(client.size() < genlayer::encode_png(view_of(grainy), genlayer::kFastPngCompression).bytes.size());
}

TEST_CASE("a JPEG of an opaque image decodes close to the original", "[image_codec]") {
    const RgbaImage original = opaque_gradient(96, 64);
    const genlayer::EncodedImage jpeg = genlayer::encode_jpeg(view_of(original), 92);
    CHECK(jpeg.mime_type == "image/jpeg");
    CHECK(jpeg.extension == "jpg");
    REQUIRE(jpeg.bytes.size() > 3);
    CHECK(jpeg.bytes[0] == 0xff);
    CHECK(jpeg.bytes[1] == 0xd8);

    const RgbaImage decoded = genlayer::decode_image(jpeg.bytes);
    REQUIRE(decoded.width == 96);
    REQUIRE(decoded.height == 64);
    CHECK(max_channel_difference(decoded, original) <= 8);
    CHECK(genlayer::encode_jpeg(view_of(original), 50).bytes.size() < jpeg.bytes.size());
}

TEST_CASE("16-bit, gray and gray+alpha PNGs decode to RGBA8", "[image_codec]") {
    SECTION("16-bit RGB") {
        const std::vector<uint16_t> samples = {65535, 0, 32896, 0, 65535, 257};
        const auto bytes = encode_with_oiio(OIIO::ImageSpec(2, 1, 3, OIIO::TypeDesc::UINT16), samples.data(), "a.png");
        CHECK(genlayer::decode_image(bytes).pixels == std::vector<uint8_t>{255, 0, 128, 255, 0, 255, 1, 255});
    }
    SECTION("gray") {
        const std::vector<uint8_t> samples = {0, 77, 255};
        const auto bytes = encode_with_oiio(OIIO::ImageSpec(3, 1, 1, OIIO::TypeDesc::UINT8), samples.data(), "a.png");
        CHECK(genlayer::decode_image(bytes).pixels ==
              std::vector<uint8_t>{0, 0, 0, 255, 77, 77, 77, 255, 255, 255, 255, 255});
    }
    SECTION("gray + alpha") {
        OIIO::ImageSpec spec(2, 1, 2, OIIO::TypeDesc::UINT8);
        spec.alpha_channel = 1;
        spec.attribute("oiio:UnassociatedAlpha", 1);
        const std::vector<uint8_t> samples = {200, 0, 90, 128};
        const auto bytes = encode_with_oiio(spec, samples.data(), "a.png");
        CHECK(genlayer::decode_image(bytes).pixels == std::vector<uint8_t>{200, 200, 200, 0, 90, 90, 90, 128});
    }
}

TEST_CASE("a palette PNG with transparency decodes to RGBA8", "[image_codec]") {
    const auto bytes = HandMadePng(2, 2, 3)
                           .chunk("PLTE", {255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255})
                           .chunk("tRNS", {255, 128, 0})
                           .image_data({{0, 1}, {2, 3}})
                           .finish();
    CHECK(genlayer::decode_image(bytes).pixels ==
          std::vector<uint8_t>{255, 0, 0, 255, 0, 255, 0, 128, 0, 0, 255, 0, 255, 255, 255, 255});
}

TEST_CASE("WebP and GIF are recognised from their bytes", "[image_codec]") {
    const RgbaImage original = opaque_gradient(32, 16);
    const auto dir = scratch_dir();
    for (const char* name : {"a.webp", "a.gif"}) {
        genlayer::write_image_file((dir / name).string(), view_of(original));
        const RgbaImage decoded = genlayer::decode_image(file_bytes(dir / name));
        CHECK(decoded.width == 32);
        CHECK(decoded.height == 16);
        CHECK(max_channel_difference(decoded, original) <= 40);
    }
    std::filesystem::remove_all(dir);
}

const std::vector<uint8_t> kStartOfScan = {0xff, 0xda};

TEST_CASE("broken result images are refused with BAD_RESPONSE and nothing on stderr", "[image_codec]") {
    const RgbaImage noisy = varied_image(64, 64);
    const std::vector<uint8_t> png = genlayer::encode_png(view_of(noisy), {1}).bytes;
    const std::vector<uint8_t> truncated_png(png.begin(), png.begin() + long(png.size() / 2));
    std::vector<uint8_t> flipped_png = png;
    flipped_png[png.size() / 2] ^= 0x10;
    const std::vector<uint8_t> jpeg = genlayer::encode_jpeg(view_of(opaque_gradient(64, 64)), 92).bytes;
    // Cut inside the scan data, past the headers (SOS is FF DA).
    const long scan_start =
        std::search(jpeg.begin(), jpeg.end(), kStartOfScan.begin(), kStartOfScan.end()) - jpeg.begin();
    REQUIRE(scan_start < long(jpeg.size()));
    const std::vector<uint8_t> truncated_jpeg(jpeg.begin(), jpeg.begin() + (scan_start + long(jpeg.size())) / 2);
    std::vector<uint8_t> png_magic_then_junk(png.begin(), png.begin() + 8);
    png_magic_then_junk.resize(100, 0x55);

    StderrCapture stderr_capture;
    const std::pair<std::vector<uint8_t>, const char*> broken[] = {
        {truncated_png, "the PNG data is truncated"},
        {flipped_png, "a PNG chunk fails its checksum"},
        {png_magic_then_junk, "the PNG data is truncated"},
        {truncated_jpeg, "Premature end of JPEG file"},
        {{'h', 'e', 'l', 'l', 'o', ' ', 'w', 'o', 'r', 'l', 'd'}, "it is not a PNG, JPEG, WebP or GIF image"},
        {{}, "it is not a PNG, JPEG, WebP or GIF image"},
    };
    for (const auto& [bytes, problem] : broken) {
        const genlayer::Error error = decode_error(bytes);
        CHECK(error.status() == GENLAYER_BAD_RESPONSE);
        CHECK_THAT(error.what(), Catch::StartsWith("The result image could not be decoded (") &&
                                     Catch::Contains(problem) && Catch::EndsWith(")."));
    }
    CHECK(stderr_capture.text().empty());
}

TEST_CASE("an oversized image is refused from its header", "[image_codec]") {
    // The headers claim 20000x20000 (1.6 GB of RGBA); the data holds next to nothing.
    for (const auto& huge :
         {genlayer::test::png_declaring(20000, 20000), genlayer::test::jpeg_declaring(20000, 20000)}) {
        const genlayer::Error huge_error = decode_error(huge);
        CHECK(huge_error.status() == GENLAYER_BAD_RESPONSE);
        CHECK(std::string(huge_error.what()) ==
              "The result image could not be decoded (it is 20000x20000 pixels, over the limit of 16384 per side).");
    }

    const auto wide = genlayer::encode_png(view_of(varied_image(40, 8)), {1}).bytes;
    CHECK_THAT(decode_error(wide, {32}).what(), Catch::Contains("40x8 pixels, over the limit of 32"));
    CHECK(genlayer::decode_image(wide, {40}).width == 40);
}

TEST_CASE("an image over 64 MB decoded is refused from its header, whatever its sides", "[image_codec]") {
    using namespace genlayer::test;
    const std::pair<std::vector<uint8_t>, std::string> bombs[] = {
        {png_declaring(5000, 5000), "5000x5000 pixels, 95 MB decoded"},
        {jpeg_declaring(5000, 5000), "5000x5000 pixels, 95 MB decoded"},
        // WebP cannot declare more than 16384 a side, but 16000x16000 is 976 MB.
        {webp_declaring(16000, 16000), "16000x16000 pixels, 976 MB decoded"},
    };
    for (const auto& [bomb, size] : bombs) {
        const genlayer::Error error = decode_error(bomb);
        CHECK(error.status() == GENLAYER_BAD_RESPONSE);
        CHECK(std::string(error.what()) ==
              "The result image could not be decoded (it is " + size + ", over the limit of 64 MB).");
    }
    // 4096x4096, the most the limit allows, gets past the header check (and
    // fails on the data it does not hold).
    CHECK_THAT(decode_error(png_declaring(4096, 4096)).what(), !Catch::Contains("over the limit"));
}

TEST_CASE("has_transparency looks at alpha only, inside the view", "[image_codec]") {
    RgbaImage image = opaque_gradient(33, 17);
    CHECK_FALSE(genlayer::has_transparency(view_of(image)));

    image.row(16)[32 * 4 + 3] = 254;  // the very last pixel
    CHECK(genlayer::has_transparency(view_of(image)));

    // Padding beyond the view's width is not looked at.
    const genlayer::RgbaView left_part{32, 17, image.row_bytes(), image.pixels.data()};
    CHECK_FALSE(genlayer::has_transparency(left_part));
}

TEST_CASE("image files are written in the format their extension names", "[image_codec]") {
    const auto dir = scratch_dir();
    const RgbaImage with_alpha = varied_image(20, 10);

    genlayer::write_image_file((dir / "out.png").string(), view_of(with_alpha));
    CHECK(genlayer::read_image_file((dir / "out.png").string()).pixels == with_alpha.pixels);

    genlayer::write_image_file((dir / "out.tif").string(), view_of(with_alpha));
    CHECK(genlayer::read_image_file((dir / "out.tif").string()).pixels == with_alpha.pixels);

    const RgbaImage opaque = opaque_gradient(96, 64);
    genlayer::write_image_file((dir / "out.jpeg").string(), view_of(opaque));
    CHECK(file_bytes(dir / "out.jpeg").at(0) == 0xff);
    CHECK(max_channel_difference(genlayer::read_image_file((dir / "out.jpeg").string()), opaque) <= 8);

    const std::string missing = (dir / "missing.png").string();
    const genlayer::Error read_error = error_of([&] { genlayer::read_image_file(missing); });
    CHECK(read_error.status() == GENLAYER_INVALID_REQUEST);
    CHECK_THAT(read_error.what(), Catch::StartsWith("The image file " + missing + " could not be read ("));
    CHECK_THAT(error_of([&] { genlayer::read_image_file(dir.string()); }).what(), Catch::EndsWith("(it is a folder)."));

    const genlayer::Error format_error =
        error_of([&] { genlayer::write_image_file((dir / "out.nosuchformat").string(), view_of(opaque)); });
    CHECK(format_error.status() == GENLAYER_INVALID_REQUEST);
    CHECK_THAT(format_error.what(), Catch::Contains("out.nosuchformat") && Catch::EndsWith("end it in .png or .jpg."));

    const genlayer::Error folder_error =
        error_of([&] { genlayer::write_image_file((dir / "no-folder" / "out.png").string(), view_of(opaque)); });
    CHECK(folder_error.status() == GENLAYER_INTERNAL);
    CHECK_THAT(folder_error.what(),
               Catch::Contains("no-folder/out.png") && Catch::Contains("its folder does not exist; create the folder"));

    // Formats written through the OpenImageIO module say the same.
    const genlayer::Error module_folder_error =
        error_of([&] { genlayer::write_image_file((dir / "no-folder" / "out.tif").string(), view_of(opaque)); });
    CHECK(module_folder_error.status() == GENLAYER_INTERNAL);
    CHECK_THAT(module_folder_error.what(), Catch::Contains("no-folder/out.tif") && Catch::EndsWith("free space."));
    std::filesystem::remove_all(dir);
}

TEST_CASE("a CMYK JPEG is read, through the OpenImageIO module", "[image_codec]") {
    // Stored CMYK as Adobe writes it: 255 is no ink (white), 0 full ink.
    // The left half is white, the right half black.
    constexpr int kWidth = 32, kHeight = 16;
    std::vector<uint8_t> cmyk(kWidth * kHeight * 4, 255);
    for (int y = 0; y < kHeight; ++y) std::fill_n(cmyk.begin() + (y * kWidth + kWidth / 2) * 4, kWidth / 2 * 4, 0);
    tjhandle compressor = tjInitCompress();
    unsigned char* jpeg = nullptr;
    unsigned long size = 0;
    REQUIRE(tjCompress2(compressor, cmyk.data(), kWidth, 0, kHeight, TJPF_CMYK, &jpeg, &size, TJSAMP_444, 95, 0) == 0);
    const auto dir = scratch_dir();
    std::ofstream(dir / "cmyk.jpg", std::ios::binary).write(reinterpret_cast<const char*>(jpeg), long(size));
    tjFree(jpeg);
    tjDestroy(compressor);

    const RgbaImage image = genlayer::read_image_file((dir / "cmyk.jpg").string());
    REQUIRE(image.width == kWidth);
    REQUIRE(image.height == kHeight);
    const uint8_t* white = image.row(8) + 2 * 4;
    const uint8_t* black = image.row(8) + (kWidth - 3) * 4;
    CHECK(std::min({white[0], white[1], white[2]}) >= 250);
    CHECK(std::max({black[0], black[1], black[2]}) <= 5);
    CHECK((white[3] == 255 && black[3] == 255));
    CHECK(genlayer::decode_image(file_bytes(dir / "cmyk.jpg")).pixels == image.pixels);
    std::filesystem::remove_all(dir);
}

TEST_CASE("writing over an image file replaces it whole and leaves nothing else behind", "[image_codec]") {
    const auto dir = scratch_dir();
    const RgbaImage first = varied_image(30, 20);
    const RgbaImage second = opaque_gradient(12, 8);
    for (const char* name : {"out.png", "out.tif"}) {
        const std::string path = (dir / name).string();
        genlayer::write_image_file(path, view_of(first));
        genlayer::write_image_file(path, view_of(second));
        CHECK(genlayer::read_image_file(path).pixels == second.pixels);
    }
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) names.push_back(entry.path().filename());
    std::sort(names.begin(), names.end());
    CHECK(names == std::vector<std::string>{"out.png", "out.tif"});
    std::filesystem::remove_all(dir);
}

// The module decodes what the in-process codecs leave to it, and reads local
// files in other formats: both ways must agree on the pixels.
genlayer::ModuleOutcome decode_through_module(const std::vector<uint8_t>& bytes, const char* extension,
                                              RgbaImage& image) {
    return genlayer::image_file_module().decode(bytes, extension, {}, image);
}

TEST_CASE("the OpenImageIO module decodes to the pixels the in-process codecs give", "[image_codec]") {
    const RgbaImage with_alpha = varied_image(41, 27);
    const RgbaImage opaque = opaque_gradient(64, 48);
    const auto palette = HandMadePng(2, 2, 3)
                             .chunk("PLTE", {255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255})
                             .chunk("tRNS", {255, 128, 0})
                             .image_data({{0, 1}, {2, 3}})
                             .finish();
    const auto dir = scratch_dir();
    genlayer::write_image_file((dir / "a.webp").string(), view_of(opaque));
    genlayer::write_image_file((dir / "a.gif").string(), view_of(opaque));
    const std::vector<std::vector<uint8_t>> results = {genlayer::encode_png(view_of(with_alpha), {1}).bytes, palette,
                                                       genlayer::encode_jpeg(view_of(opaque), 92).bytes,
                                                       file_bytes(dir / "a.webp"), file_bytes(dir / "a.gif")};
    const char* const extensions[] = {"png", "png", "jpg", "webp", "gif"};
    for (size_t i = 0; i < results.size(); ++i) {
        const auto& bytes = results[i];
        RgbaImage through_module;
        REQUIRE(decode_through_module(bytes, extensions[i], through_module).kind == genlayer::ModuleOutcome::ok);
        const RgbaImage in_process = genlayer::decode_image(bytes);
        REQUIRE(through_module.width == in_process.width);
        REQUIRE(through_module.height == in_process.height);
        // JPEG decoders may round an IDCT differently by a level.
        CHECK(max_channel_difference(through_module, in_process) <= 1);
    }
    std::filesystem::remove_all(dir);
}

TEST_CASE("the OpenImageIO module refuses a broken GIF in one line, nothing on stderr", "[image_codec]") {
    const auto dir = scratch_dir();
    genlayer::write_image_file((dir / "a.gif").string(), view_of(varied_image(64, 64)));
    const std::vector<uint8_t> gif = file_bytes(dir / "a.gif");
    std::filesystem::remove_all(dir);
    const std::vector<uint8_t> truncated(gif.begin(), gif.begin() + long(gif.size() / 2));
    const std::vector<uint8_t> text = {'h', 'e', 'l', 'l', 'o'};

    StderrCapture stderr_capture;
    for (const auto& bytes : {truncated, text}) {
        RgbaImage image;
        const genlayer::ModuleOutcome outcome = decode_through_module(bytes, "gif", image);
        CHECK(outcome.kind != genlayer::ModuleOutcome::ok);
        CHECK_FALSE(outcome.problem.empty());
        CHECK(outcome.problem.find('\n') == std::string::npos);
    }
    INFO(stderr_capture.text());
    CHECK(stderr_capture.text().empty());
}
