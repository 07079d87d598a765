#include "gateway/size_table.hpp"
#include "base/status.hpp"

#include <catch2/catch.hpp>

using genlayer::ImageSize;
using genlayer::SizeTable;

namespace {

SizeTable::Choice resolve(std::string_view size, std::string_view resolution, int source_w = 0, int source_h = 0) {
    return SizeTable::builtin().resolve(size, resolution, source_w, source_h);
}

std::string refusal(std::string_view size, std::string_view resolution) {
    try {
        resolve(size, resolution);
    } catch (const genlayer::Error& error) {
        CHECK(error.status() == GENLAYER_INVALID_REQUEST);
        return error.what();
    }
    FAIL("size " << size << " with resolution " << resolution << " was accepted");
    return {};
}

}  // namespace

TEST_CASE("parse_size reads WxH and nothing else", "[size_table]") {
    ImageSize size;
    REQUIRE(genlayer::parse_size("2048x1152", size));
    CHECK(size == ImageSize{2048, 1152});
    CHECK(size.text() == "2048x1152");
    for (const char* bad : {"", "x", "2048", "2048x", "x1152", "0x10", "-5x10", "20x20x20", "2048X1152", "1e3x10"})
        CHECK_FALSE(genlayer::parse_size(bad, size));
}

TEST_CASE("the built-in table holds the spec's pairs", "[size_table]") {
    const SizeTable& table = SizeTable::builtin();
    REQUIRE(table.tiers().size() == 3);
    CHECK(table.tiers()[0].resolution == 1024);
    CHECK(table.tiers()[1].resolution == 1536);
    CHECK(table.tiers()[2].resolution == 2048);
    CHECK(table.tiers()[2].sizes.size() == 7);

    CHECK(table.is_valid_pair({1024, 1024}, 1024));
    CHECK(table.is_valid_pair({1024, 1536}, 1536));
    CHECK(table.is_valid_pair({1360, 2048}, 2048));
    CHECK_FALSE(table.is_valid_pair({1024, 1024}, 2048));
    CHECK_FALSE(table.is_valid_pair({1536, 1024}, 1024));
    CHECK_FALSE(table.is_valid_pair({1000, 1000}, 1024));

    CHECK(table.resolution_of({2048, 1536}) == 2048);
    CHECK(table.resolution_of({1000, 1000}) == 0);
}

TEST_CASE("auto size picks the closest aspect ratio in the smallest sufficient tier", "[size_table]") {
    CHECK(resolve("auto", "auto", 1920, 1080).size == ImageSize{2048, 1152});
    CHECK(resolve("auto", "auto", 1920, 1080).resolution == 2048);
    CHECK(resolve("auto", "auto", 800, 600).size == ImageSize{1024, 1024});
    CHECK(resolve("auto", "auto", 1500, 1000).size == ImageSize{1536, 1024});
    CHECK(resolve("auto", "auto", 1000, 1500).size == ImageSize{1024, 1536});
    CHECK(resolve("", "", 1080, 1920).size == ImageSize{1152, 2048});
    // Larger than every tier: the largest tier.
    CHECK(resolve("auto", "auto", 6000, 4000).size == ImageSize{2048, 1360});
    // No source: the smallest tier.
    CHECK(resolve("auto", "auto").size == ImageSize{1024, 1024});
}

TEST_CASE("resolution without size picks the closest aspect ratio within that tier", "[size_table]") {
    CHECK(resolve("auto", "2048", 800, 600).size == ImageSize{2048, 1536});
    CHECK(resolve("", "2048", 300, 300).size == ImageSize{2048, 2048});
    CHECK(resolve("auto", "1536", 600, 800).size == ImageSize{1024, 1536});
    CHECK(resolve("auto", "1024", 3000, 1000).size == ImageSize{1024, 1024});
    CHECK(resolve("auto", "2048", 3000, 1000).resolution == 2048);
}

TEST_CASE("an explicit size with auto resolution takes the size's tier", "[size_table]") {
    CHECK(resolve("1536x1024", "auto").resolution == 1536);
    CHECK(resolve("2048x1360", "").resolution == 2048);
    // The source does not matter once the size is given.
    CHECK(resolve("1024x1024", "auto", 1920, 1080).size == ImageSize{1024, 1024});
    CHECK(resolve("1152x2048", "2048").size == ImageSize{1152, 2048});
}

TEST_CASE("bad sizes, resolutions and pairs are refused with the valid choices", "[size_table]") {
    const std::string bad_size = refusal("1000x1000", "auto");
    CHECK(bad_size.find("Size 1000x1000 is not offered") != std::string::npos);
    CHECK(bad_size.find("auto or one of 1024x1024, 1536x1024, 1024x1536, 2048x2048") != std::string::npos);

    CHECK(refusal("huge", "auto").find("Size huge is not offered") != std::string::npos);

    const std::string bad_resolution = refusal("auto", "4096");
    CHECK(bad_resolution.find("Resolution 4096 is not offered; choose auto or one of 1024, 1536, 2048.") !=
          std::string::npos);
    CHECK(refusal("auto", "1024px").find("Resolution 1024px is not offered") != std::string::npos);

    const std::string bad_pair = refusal("1536x1024", "2048");
    CHECK(bad_pair.find("does not match resolution 2048") != std::string::npos);
    CHECK(bad_pair.find("2048x1152") != std::string::npos);
    CHECK(bad_pair.find("resolution 1536") != std::string::npos);
}

TEST_CASE("a malformed table is refused", "[size_table]") {
    CHECK_THROWS_AS(SizeTable::parse("not json"), genlayer::Error);
    CHECK_THROWS_AS(SizeTable::parse(R"({"tiers": {}})"), genlayer::Error);
    CHECK_THROWS_AS(SizeTable::parse(R"({"tiers": {"big": ["10x10"]}})"), genlayer::Error);
    CHECK_THROWS_AS(SizeTable::parse(R"({"tiers": {"10": ["10by10"]}})"), genlayer::Error);
    const SizeTable small = SizeTable::parse(R"({"tiers": {"20": ["20x10"], "10": ["10x10"]}})");
    REQUIRE(small.tiers().size() == 2);
    CHECK(small.tiers()[0].resolution == 10);
}
