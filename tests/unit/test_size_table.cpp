#include "base/status.hpp"
#include "gateway/size_table.hpp"

#include <catch2/catch.hpp>

using genlayer::ImageSize;
using genlayer::SizeDialect;
using genlayer::SizeSpec;
using genlayer::SizeTable;

namespace {

SizeSpec resolve(std::string_view size, std::string_view resolution, int source_w = 0, int source_h = 0,
                 SizeDialect dialect = SizeDialect::pixels) {
    return SizeTable::builtin().resolve(size, resolution, source_w, source_h, dialect);
}

SizeSpec ratio(std::string_view size, std::string_view resolution, int source_w = 0, int source_h = 0) {
    return resolve(size, resolution, source_w, source_h, SizeDialect::ratio);
}

std::string refusal(std::string_view size, std::string_view resolution, SizeDialect dialect = SizeDialect::pixels) {
    try {
        resolve(size, resolution, 0, 0, dialect);
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

TEST_CASE("the built-in table holds both dialects' pairs", "[size_table]") {
    const SizeTable& table = SizeTable::builtin();
    const auto& pixels = table.tiers(SizeDialect::pixels);
    REQUIRE(pixels.size() == 3);
    CHECK(pixels[0].name == "1024");
    CHECK(pixels[1].name == "1536");
    CHECK(pixels[2].name == "2048");
    CHECK(pixels[2].sizes.size() == 7);
    CHECK(pixels[0].equivalents == std::vector<std::string>{"1K"});
    CHECK(pixels[2].equivalents == std::vector<std::string>{"2K"});

    const auto& ratios = table.tiers(SizeDialect::ratio);
    REQUIRE(ratios.size() == 3);
    CHECK(ratios[0].name == "1K");
    CHECK(ratios[0].sizes.size() == 3);
    CHECK(ratios[1].sizes.size() == 13);
    CHECK(ratios[2].name == "4K");
    CHECK(ratios[2].long_edge == 3840);
    CHECK(ratios[0].equivalents == std::vector<std::string>{"1024", "1536"});
    CHECK(ratios[2].equivalents.empty());
}

TEST_CASE("auto size picks the closest aspect ratio in the smallest sufficient tier", "[size_table]") {
    CHECK(resolve("auto", "auto", 1920, 1080).size == "2048x1152");
    CHECK(resolve("auto", "auto", 1920, 1080).resolution == "2048");
    CHECK(resolve("auto", "auto", 800, 600).size == "1024x1024");
    CHECK(resolve("auto", "auto", 1500, 1000).size == "1536x1024");
    CHECK(resolve("auto", "auto", 1000, 1500).size == "1024x1536");
    CHECK(resolve("", "", 1080, 1920).size == "1152x2048");
    // Larger than every tier: the largest tier.
    CHECK(resolve("auto", "auto", 6000, 4000).size == "2048x1360");
    // No source: the smallest tier.
    CHECK(resolve("auto", "auto").size == "1024x1024");
}

TEST_CASE("resolution without size picks the closest aspect ratio within that tier", "[size_table]") {
    CHECK(resolve("auto", "2048", 800, 600).size == "2048x1536");
    CHECK(resolve("", "2048", 300, 300).size == "2048x2048");
    CHECK(resolve("auto", "1536", 600, 800).size == "1024x1536");
    CHECK(resolve("auto", "1024", 3000, 1000).size == "1024x1024");
    CHECK(resolve("auto", "2048", 3000, 1000).resolution == "2048");
}

TEST_CASE("an explicit size with auto resolution takes the size's tier", "[size_table]") {
    CHECK(resolve("1536x1024", "auto").resolution == "1536");
    CHECK(resolve("2048x1360", "").resolution == "2048");
    // The source does not matter once the size is given.
    CHECK(resolve("1024x1024", "auto", 1920, 1080).size == "1024x1024");
    CHECK(resolve("1152x2048", "2048").size == "1152x2048");
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
    const std::string ratio = R"("ratio_tiers": {"1K": ["1:1"]}, "ratio_tier_long_edges": {"1K": 10})";
    CHECK_THROWS_AS(SizeTable::parse("not json"), genlayer::Error);
    CHECK_THROWS_AS(SizeTable::parse(R"({"tiers": {}, )" + ratio + "}"), genlayer::Error);
    CHECK_THROWS_AS(SizeTable::parse(R"({"tiers": {"big": ["10x10"]}, )" + ratio + "}"), genlayer::Error);
    CHECK_THROWS_AS(SizeTable::parse(R"({"tiers": {"10": ["10by10"]}, )" + ratio + "}"), genlayer::Error);
    CHECK_THROWS_AS(SizeTable::parse(R"({"tiers": {"10": ["10x10"]}})"), genlayer::Error);  // no ratio dialect
    CHECK_THROWS_AS(SizeTable::parse(R"({"tiers": {"10": ["10x10"]}, "ratio_tiers": {"1K": ["1:1"]}})"),
                    genlayer::Error);  // a ratio tier without its long edge
    CHECK_THROWS_AS(SizeTable::parse(R"({"tiers": {"10": ["10:10"]}, )" + ratio + "}"), genlayer::Error);
    const SizeTable small = SizeTable::parse(R"({"tiers": {"20": ["20x10"], "10": ["10x10"]}, )" + ratio + "}");
    REQUIRE(small.tiers(SizeDialect::pixels).size() == 2);
    CHECK(small.tiers(SizeDialect::pixels)[0].name == "10");
}

TEST_CASE("ratio sizes resolve in the ratio dialect", "[size_table][dialect]") {
    CHECK(ratio("3:2", "1K") == SizeSpec{SizeDialect::ratio, "3:2", "1K", 1536});
    CHECK(ratio("16:9", "4K") == SizeSpec{SizeDialect::ratio, "16:9", "4K", 3840});
    CHECK(ratio("16:9", "4k").resolution == "4K");  // tiers read without regard to case
    // Auto resolution: the smallest tier holding the ratio that holds the source.
    CHECK(ratio("3:2", "auto").resolution == "1K");
    CHECK(ratio("3:2", "auto", 1800, 1200).resolution == "2K");
    CHECK(ratio("21:9", "auto").resolution == "2K");
    // Auto size: the closest aspect in the tier.
    CHECK(ratio("auto", "auto", 1920, 1080) == SizeSpec{SizeDialect::ratio, "16:9", "2K", 2048});
    CHECK(ratio("auto", "auto", 900, 600) == SizeSpec{SizeDialect::ratio, "3:2", "1K", 1536});
    CHECK(ratio("auto", "4K", 1000, 1000).size == "16:9");
    CHECK(ratio("auto", "auto").size == "1:1");
}

TEST_CASE("a size of one dialect is translated into the other where an equivalent exists", "[size_table][dialect]") {
    // Pixels into ratio: within 1 % of the aspect, in the corresponding tier.
    CHECK(ratio("1536x1024", "auto") == SizeSpec{SizeDialect::ratio, "3:2", "1K", 1536});
    CHECK(ratio("2048x1152", "auto") == SizeSpec{SizeDialect::ratio, "16:9", "2K", 2048});
    CHECK(ratio("2048x1360", "2048") == SizeSpec{SizeDialect::ratio, "3:2", "2K", 2048});
    CHECK(ratio("1024x1024", "auto").resolution == "1K");
    // Ratio into pixels.
    CHECK(resolve("3:2", "1K") == SizeSpec{SizeDialect::pixels, "1536x1024", "1536", 1536});
    CHECK(resolve("16:9", "2K") == SizeSpec{SizeDialect::pixels, "2048x1152", "2048", 2048});
    CHECK(resolve("3:2", "2K").size == "2048x1360");
    CHECK(resolve("3:2", "auto").size == "1536x1024");
    CHECK(resolve("auto", "1K", 1000, 1000).size == "1024x1024");
    CHECK(resolve("auto", "2K", 1920, 1080).size == "2048x1152");
}

TEST_CASE("a size with no equivalent in the dialect being sent is refused with what is offered",
          "[size_table][dialect]") {
    const std::string four_k = refusal("16:9", "4K");
    CHECK_THAT(four_k, Catch::StartsWith("Resolution 4K has no equivalent while the gateway takes sizes in pixels"));
    CHECK_THAT(four_k, Catch::Contains("1024, 1536, 2048"));

    const std::string wide = refusal("21:9", "2K");
    CHECK_THAT(wide, Catch::StartsWith("Size 21:9 at 2K has no equivalent while the gateway takes sizes in pixels"));
    CHECK_THAT(wide, Catch::Contains("2048x1152"));

    CHECK_THAT(refusal("3:2", "4K"), Catch::StartsWith("Resolution 4K has no equivalent"));
    CHECK_THAT(refusal("5:4", "auto", SizeDialect::pixels), Catch::Contains("has no equivalent"));
    CHECK_THAT(refusal("3:2", "4K", SizeDialect::ratio), Catch::StartsWith("Size 3:2 does not match resolution 4K"));
    CHECK_THAT(refusal("7:5", "auto", SizeDialect::ratio), Catch::StartsWith("Size 7:5 is not offered"));
    CHECK_THAT(refusal("7:5", "auto", SizeDialect::ratio), Catch::Contains("1:1, 3:2, 2:3 at 1K;"));
    CHECK_THAT(refusal("1000x1000", "auto", SizeDialect::ratio), Catch::StartsWith("Size 1000x1000 is not offered"));
    CHECK_THAT(refusal("auto", "8K", SizeDialect::ratio),
               Catch::StartsWith("Resolution 8K is not offered; choose auto or one of 1K, 2K, 4K."));
}
