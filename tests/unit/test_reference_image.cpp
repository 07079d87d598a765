#include "base/status.hpp"
#include "image/reference_image.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <random>

using genlayer::EncodedImage;
using genlayer::ReferenceLimits;
using genlayer::RgbaImage;

namespace {

using Rgba = std::array<uint8_t, 4>;

// An image whose pixel (x, y) is colour_at(x, y).
template <class ColourAt>
RgbaImage drawn(uint32_t width, uint32_t height, ColourAt colour_at) {
    RgbaImage image(width, height);
    for (uint32_t y = 0; y < height; ++y)
        for (uint32_t x = 0; x < width; ++x) {
            const Rgba colour = colour_at(x, y);
            std::copy(colour.begin(), colour.end(), image.row(y) + x * 4);
        }
    return image;
}

RgbaImage filled(uint32_t width, uint32_t height, Rgba colour) {
    return drawn(width, height, [colour](uint32_t, uint32_t) { return colour; });
}

// Random colours; alpha random too unless `opaque`. Noise defeats both
// codecs, so byte caps are reached with small images.
RgbaImage noise(uint32_t width, uint32_t height, bool opaque) {
    RgbaImage image(width, height);
    std::mt19937 random(width * 7919 + height);
    for (size_t i = 0; i < image.pixels.size(); ++i) image.pixels[i] = (opaque && i % 4 == 3) ? 255 : uint8_t(random());
    return image;
}

const uint8_t* pixel_at(const RgbaImage& image, uint32_t x, uint32_t y) { return image.row(y) + x * 4; }

}  // namespace

TEST_CASE("downscale_to_fit keeps the aspect and brings the long edge to the limit", "[reference_image]") {
    struct Case {
        uint32_t width, height, max_long_edge, expected_width, expected_height;
    };
    for (const Case& c : {Case{4000, 1000, 1000, 1000, 250}, Case{1000, 4000, 1000, 250, 1000},
                          Case{1001, 333, 512, 512, 170}, Case{3000, 2, 1500, 1500, 1}, Case{10, 10, 3, 3, 3}}) {
        const RgbaImage scaled =
            genlayer::downscale_to_fit(view_of(filled(c.width, c.height, {1, 2, 3, 255})), c.max_long_edge);
        CHECK(scaled.width == c.expected_width);
        CHECK(scaled.height == c.expected_height);
        CHECK(scaled.pixels.size() == size_t(c.expected_width) * c.expected_height * 4);
    }
}

TEST_CASE("an image that already fits is copied unchanged and tightly packed", "[reference_image]") {
    const RgbaImage source = noise(12, 5, false);
    // A 7x5 window starting at x=3 of the 12-pixel-wide source.
    const genlayer::RgbaView window{7, 5, source.row_bytes(), pixel_at(source, 3, 0)};
    const RgbaImage copy = genlayer::downscale_to_fit(window, 7);
    REQUIRE(copy.width == 7);
    REQUIRE(copy.height == 5);
    for (uint32_t y = 0; y < 5; ++y)
        CHECK(std::equal(copy.row(y), copy.row(y) + copy.row_bytes(), pixel_at(source, 3, y)));
}

TEST_CASE("downscaling averages areas", "[reference_image]") {
    SECTION("a uniform colour stays exactly that colour, alpha included") {
        for (const Rgba colour : {Rgba{10, 200, 77, 255}, Rgba{250, 3, 128, 128}}) {
            const RgbaImage scaled = genlayer::downscale_to_fit(view_of(filled(301, 199, colour)), 128);
            CHECK(scaled.pixels == filled(scaled.width, scaled.height, colour).pixels);
        }
    }
    SECTION("a black and white checkerboard halves to mid grey") {
        const RgbaImage checker = drawn(4, 4, [](uint32_t x, uint32_t y) {
            return (x + y) % 2 ? Rgba{255, 255, 255, 255} : Rgba{0, 0, 0, 255};
        });
        CHECK(genlayer::downscale_to_fit(view_of(checker), 2).pixels == filled(2, 2, {128, 128, 128, 255}).pixels);
    }
    SECTION("a partly covered source pixel counts by its covered part") {
        // 3 -> 2 pixels: each output pixel covers one and a half source pixels.
        RgbaImage row(3, 1);
        row.pixels = {0, 0, 0, 255, 240, 240, 240, 255, 0, 0, 0, 255};
        CHECK(genlayer::downscale_to_fit(view_of(row), 2).pixels ==
              std::vector<uint8_t>{80, 80, 80, 255, 80, 80, 80, 255});
    }
}

TEST_CASE("transparent pixels lend no colour to their neighbours", "[reference_image]") {
    // Opaque red on the left, transparent black on the right, split off the
    // grid of a 7 -> 3 reduction so that output pixels straddle the edge.
    const RgbaImage image = drawn(70, 70, [](uint32_t x, uint32_t) {
        return x < 33 ? Rgba{255, 0, 0, 255} : Rgba{0, 0, 0, 0};
    });
    const RgbaImage scaled = genlayer::downscale_to_fit(view_of(image), 30);
    bool saw_partial_alpha = false;
    for (uint32_t y = 0; y < scaled.height; ++y)
        for (uint32_t x = 0; x < scaled.width; ++x) {
            const uint8_t* p = pixel_at(scaled, x, y);
            if (p[3] == 0) continue;
            saw_partial_alpha |= p[3] < 255;
            CHECK(p[0] == 255);
            CHECK(p[1] == 0);
            CHECK(p[2] == 0);
        }
    CHECK(saw_partial_alpha);
}

TEST_CASE("prepare_reference picks JPEG for opaque and PNG for alpha", "[reference_image]") {
    const RgbaImage opaque = noise(300, 200, true);
    const EncodedImage jpeg = genlayer::prepare_reference(view_of(opaque), {});
    CHECK(jpeg.mime_type == "image/jpeg");
    CHECK(jpeg.extension == "jpg");
    CHECK(jpeg.width == 300);
    CHECK(jpeg.height == 200);
    CHECK(jpeg.bytes == genlayer::encode_jpeg(view_of(opaque), 92).bytes);

    RgbaImage almost_opaque = opaque;
    almost_opaque.pixels[4 * 1234 + 3] = 200;
    const EncodedImage png = genlayer::prepare_reference(view_of(almost_opaque), {});
    CHECK(png.mime_type == "image/png");
    CHECK(png.extension == "png");
    CHECK(genlayer::decode_image(png.bytes).pixels == almost_opaque.pixels);
}

TEST_CASE("prepare_reference scales down to the output's long edge", "[reference_image]") {
    const EncodedImage encoded =
        genlayer::prepare_reference(view_of(filled(1024, 768, {9, 99, 199, 255})), {512, genlayer::kUploadLimitBytes});
    CHECK(encoded.width == 512);
    CHECK(encoded.height == 384);
    const RgbaImage decoded = genlayer::decode_image(encoded.bytes);
    CHECK(decoded.width == 512);
    CHECK(decoded.height == 384);
}

TEST_CASE("prepare_reference lowers JPEG quality before it shrinks", "[reference_image]") {
    const RgbaImage opaque = noise(256, 256, true);
    const size_t at_quality_78 = genlayer::encode_jpeg(view_of(opaque), 78).bytes.size();
    REQUIRE(genlayer::encode_jpeg(view_of(opaque), 85).bytes.size() > at_quality_78);

    const EncodedImage encoded = genlayer::prepare_reference(view_of(opaque), {2048, at_quality_78});
    CHECK(encoded.width == 256);
    CHECK(encoded.bytes.size() == at_quality_78);
}

TEST_CASE("prepare_reference shrinks until the bytes fit the cap", "[reference_image]") {
    constexpr size_t kCap = 200 * 1024;
    for (const bool opaque : {true, false}) {
        const RgbaImage image = noise(1024, 1024, opaque);
        const EncodedImage encoded = genlayer::prepare_reference(view_of(image), {2048, kCap});
        CHECK(encoded.mime_type == (opaque ? "image/jpeg" : "image/png"));
        CHECK(encoded.bytes.size() <= kCap);
        CHECK(encoded.width < 1024);
        CHECK(encoded.width == encoded.height);
        CHECK(genlayer::decode_image(encoded.bytes).width == encoded.width);
    }
}

TEST_CASE("prepare_reference reads a window of a larger image through its stride", "[reference_image]") {
    const RgbaImage canvas = noise(50, 40, false);
    const genlayer::RgbaView region{20, 10, canvas.row_bytes(), pixel_at(canvas, 25, 15)};
    const RgbaImage decoded = genlayer::decode_image(genlayer::prepare_reference(region, {}).bytes);
    REQUIRE(decoded.width == 20);
    REQUIRE(decoded.height == 10);
    for (uint32_t y = 0; y < 10; ++y)
        CHECK(std::equal(decoded.row(y), decoded.row(y) + decoded.row_bytes(), pixel_at(canvas, 25, 15 + y)));
}

TEST_CASE("prepare_reference refuses what cannot fit and empty regions", "[reference_image]") {
    const RgbaImage image = noise(64, 64, true);
    const auto refusal = [](const genlayer::RgbaView& region, const ReferenceLimits& limits) -> std::string {
        try {
            genlayer::prepare_reference(region, limits);
        } catch (const genlayer::Error& error) {
            CHECK(error.status() == GENLAYER_INVALID_REQUEST);
            return error.what();
        }
        FAIL("the reference was prepared");
        return {};
    };
    CHECK(refusal(view_of(image), {2048, 50}) ==
          "The reference image does not fit in 50 bytes even at one pixel; allow a larger upload.");
    CHECK(refusal({0, 0, 0, nullptr}, {}) == "The reference region is empty; select at least one pixel.");
}
