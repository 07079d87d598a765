// Local image files read scaled down as they are decoded (PNG row by row,
// JPEG by scanlines with DCT scaling, WebP by libwebp's scaler): what comes
// out matches a full decode scaled afterwards, and a damaged or bomb-like
// file ends in one sentence.
#include "base/status.hpp"
#include "hand_made_png.hpp"
#include "image/image_codec.hpp"
#include "image/reference_image.hpp"
#include "png_file_writer.hpp"
#include "temp_dir.hpp"
#include "test_images.hpp"

#include <webp/encode.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

using genlayer::RgbaImage;
using genlayer::test::HandMadePng;
using genlayer::test::opaque_gradient;
using genlayer::test::TempDir;
using genlayer::test::varied_image;

namespace {

void write_bytes(const std::filesystem::path& path, const std::vector<uint8_t>& bytes) {
    std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()), long(bytes.size()));
}

int max_channel_difference(const RgbaImage& a, const RgbaImage& b) {
    REQUIRE(a.width == b.width);
    REQUIRE(a.height == b.height);
    int worst = 0;
    for (size_t i = 0; i < a.pixels.size(); ++i) worst = std::max(worst, std::abs(a.pixels[i] - b.pixels[i]));
    return worst;
}

std::string read_error(const std::filesystem::path& path, uint32_t max_long_edge) {
    try {
        genlayer::read_image_file(path.string(), {}, max_long_edge);
    } catch (const genlayer::Error& error) {
        CHECK(error.status() == GENLAYER_INVALID_REQUEST);
        return error.what();
    }
    FAIL("the file was read");
    return "";
}

}  // namespace

TEST_CASE("a PNG file read scaled is the full image scaled, interlaced or not", "[image_file]") {
    TempDir dir;
    const RgbaImage image = varied_image(300, 200);
    for (const bool interlaced : {false, true}) {
        const auto path = dir.path / (interlaced ? "interlaced.png" : "plain.png");
        genlayer::test::write_png_file(path.string(), {300, 200, PNG_COLOR_TYPE_RGB_ALPHA, interlaced},
                                       [&](uint32_t y, uint8_t* row) { std::copy_n(image.row(y), 300 * 4, row); });
        INFO("interlaced " << interlaced);
        CHECK(genlayer::read_image_file(path.string()).pixels == image.pixels);
        const RgbaImage scaled = genlayer::read_image_file(path.string(), {}, 64);
        CHECK(scaled.width == 64);
        CHECK(scaled.height == 43);
        CHECK(scaled.pixels == genlayer::downscale_to_fit(view_of(image), 64).pixels);
    }
}

TEST_CASE("a gray PNG file is read as opaque RGBA", "[image_file]") {
    TempDir dir;
    const auto path = dir.path / "gray.png";
    genlayer::test::write_png_file(path.string(), {4, 2, PNG_COLOR_TYPE_GRAY},
                                   [](uint32_t y, uint8_t* row) { std::fill_n(row, 4, uint8_t(y ? 200 : 7)); });
    const RgbaImage image = genlayer::read_image_file(path.string());
    CHECK(std::vector<uint8_t>(image.row(1), image.row(1) + 4) == std::vector<uint8_t>{200, 200, 200, 255});
    CHECK(std::vector<uint8_t>(image.row(0), image.row(0) + 4) == std::vector<uint8_t>{7, 7, 7, 255});
}

TEST_CASE("JPEG and WebP files read scaled come close to the full image scaled", "[image_file]") {
    TempDir dir;
    const RgbaImage image = opaque_gradient(800, 600);
    const RgbaImage expected = genlayer::downscale_to_fit(view_of(image), 100);
    REQUIRE(expected.width == 100);
    REQUIRE(expected.height == 75);

    const auto jpeg = dir.path / "gradient.jpg";
    genlayer::write_image_file(jpeg.string(), view_of(image));
    // 800 -> 200 by DCT scaling (1/4), then 200 -> 100 by area average.
    CHECK(max_channel_difference(genlayer::read_image_file(jpeg.string(), {}, 100), expected) <= 6);

    uint8_t* encoded = nullptr;
    const size_t size = WebPEncodeLosslessRGBA(image.pixels.data(), 800, 600, int(image.row_bytes()), &encoded);
    REQUIRE(size > 0);
    write_bytes(dir.path / "gradient.webp", {encoded, encoded + size});
    WebPFree(encoded);
    CHECK(genlayer::read_image_file((dir.path / "gradient.webp").string()).pixels == image.pixels);
    CHECK(max_channel_difference(genlayer::read_image_file((dir.path / "gradient.webp").string(), {}, 100), expected) <=
          6);
}

TEST_CASE("a damaged or cut-short file ends in one sentence naming it", "[image_file]") {
    TempDir dir;
    const std::vector<uint8_t> row(16000, 0);
    // 16000x16000 declared, two rows held: legal as a reference scaled to
    // 3840, so it is the missing data that ends the read.
    const auto short_png = HandMadePng(16000, 16000, 0).image_data({row, row}).finish();
    write_bytes(dir.path / "short.png", short_png);
    // The same file cut in the middle of its image data, with no IEND.
    write_bytes(dir.path / "cut.png", {short_png.begin(), short_png.begin() + 4000});

    const auto jpeg = dir.path / "cut.jpg";
    genlayer::write_image_file(jpeg.string(), view_of(opaque_gradient(64, 64)));
    std::filesystem::resize_file(jpeg, std::filesystem::file_size(jpeg) / 2);

    const std::pair<std::filesystem::path, const char*> broken[] = {
        {dir.path / "short.png", "the PNG data ends before its last row"},
        {dir.path / "cut.png", "the PNG data is truncated"},
        {jpeg, "Premature end of JPEG file"},
    };
    for (const auto& [path, problem] : broken)
        CHECK(read_error(path, 3840) == "The image file " + path.string() + " could not be read (" + problem + ").");
}

TEST_CASE("a local file is refused from its header when a side or its output is over the limit", "[image_file]") {
    TempDir dir;
    write_bytes(dir.path / "wide.png", HandMadePng(20000, 100, 0).image_data({std::vector<uint8_t>(100, 0)}).finish());
    CHECK_THAT(read_error(dir.path / "wide.png", 3840),
               Catch::EndsWith("(it is 20000x100 pixels, over the limit of 16384 per side)."));
    // Read at full size, 16000x16000 would be 976 MB of pixels.
    write_bytes(dir.path / "poster.png",
                HandMadePng(16000, 16000, 0).image_data({std::vector<uint8_t>(16000, 0)}).finish());
    CHECK_THAT(read_error(dir.path / "poster.png", 0),
               Catch::EndsWith("(it is 16000x16000 pixels, 976 MB decoded, over the limit of 64 MB)."));
}
