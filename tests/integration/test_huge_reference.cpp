// A huge local reference (a poster of 12000x12000) is decoded in bands and
// scaled down as it is read, so it never sits whole in memory: the run's
// peak RSS stays under 100 MB where the whole image would take 549 MB. A
// file that only declares such a size ends in one sentence, cheaply.
#include "hand_made_png.hpp"
#include "image/image_codec.hpp"
#include "png_file_writer.hpp"
#include "sentence_check.hpp"
#include "test_fixture.hpp"

// jpeglib.h needs FILE and size_t declared first.
#include <cstddef>
#include <cstdio>

#include <httplib.h>
#include <jpeglib.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>

using namespace genlayer;
using namespace genlayer::testing;

namespace {

constexpr long kMiBinKiB = 1024;
constexpr uint32_t kPosterSide = 12000;

// Gray from black at the top to white at the bottom: each row one value,
// cheap to write and to compress.
uint8_t poster_gray(uint32_t y) { return uint8_t(y * 255 / (kPosterSide - 1)); }

void write_poster_png(const std::string& path) {
    test::write_png_file(path, {kPosterSide, kPosterSide, PNG_COLOR_TYPE_GRAY},
                         [](uint32_t y, uint8_t* row) { std::fill_n(row, kPosterSide, poster_gray(y)); });
}

// libjpeg's default error handling exits the test process, as a broken writer deserves.
void write_poster_jpeg(const std::string& path) {
    std::FILE* file = std::fopen(path.c_str(), "wb");
    REQUIRE(file);
    jpeg_compress_struct jpeg{};
    jpeg_error_mgr errors{};
    jpeg.err = jpeg_std_error(&errors);
    jpeg_create_compress(&jpeg);
    jpeg_stdio_dest(&jpeg, file);
    jpeg.image_width = kPosterSide;
    jpeg.image_height = kPosterSide;
    jpeg.input_components = 1;
    jpeg.in_color_space = JCS_GRAYSCALE;
    jpeg_set_defaults(&jpeg);
    jpeg_set_quality(&jpeg, 75, TRUE);
    jpeg_start_compress(&jpeg, TRUE);
    std::vector<uint8_t> row(kPosterSide);
    while (jpeg.next_scanline < kPosterSide) {
        std::fill(row.begin(), row.end(), poster_gray(jpeg.next_scanline));
        JSAMPROW rows[] = {row.data()};
        jpeg_write_scanlines(&jpeg, rows, 1);
    }
    jpeg_finish_compress(&jpeg);
    jpeg_destroy_compress(&jpeg);
    std::fclose(file);
}

CliResult generate_with(const Fixture& fx, const std::string& reference) {
    return fx.cli(
        {"generate", "--prompt", "a poster", "--reference", reference, "--output", fx.path("out.png"), "--json"});
}

}  // namespace

TEST_CASE("a 12000x12000 reference is read in bands: the whole run peaks under 100 MB", "[reference][heavy]") {
    Fixture fx;
    const auto idle = fx.idle_with_image_module();
    const std::string format = GENERATE(as<std::string>{}, "png", "jpg");
    const std::string poster = fx.path("poster." + format);
    if (format == "png")
        write_poster_png(poster);
    else
        write_poster_jpeg(poster);

    const auto result = generate_with(fx, poster);
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    INFO(format << ": peak RSS " << result.max_rss_kib / kMiBinKiB << " MiB, idle " << idle.max_rss_kib / kMiBinKiB
                << " MiB");
    CHECK(result.max_rss_kib - idle.max_rss_kib < 100 * kMiBinKiB);

    // What went up is the poster, scaled to the output's edge: dark at the top, light at the bottom.
    const auto report = nlohmann::json::parse(result.out);
    const std::string url = report["request"]["reference_images"].at(0);
    REQUIRE_THAT(url, Catch::StartsWith(fx.emulator().files_url()));
    httplib::Client files(fx.emulator().files_url());
    const auto uploaded = files.Get(url.substr(fx.emulator().files_url().size()));
    REQUIRE(uploaded);
    const auto image = decode_image({reinterpret_cast<const uint8_t*>(uploaded->body.data()), uploaded->body.size()});
    CHECK(image.width == 2048);
    CHECK(image.height == 2048);
    CHECK(image.row(0)[0] < 8);
    CHECK(image.row(image.height - 1)[0] > 247);
    CHECK(std::filesystem::exists(fx.path("out.png")));
}

TEST_CASE("a PNG reference declaring 16000x16000 with two rows: one sentence, cheaply, exit 2", "[reference]") {
    Fixture fx;
    const auto idle = fx.cli({"--help"});
    const std::vector<uint8_t> row(16000, 0);
    const auto png = test::HandMadePng(16000, 16000, 0).image_data({row, row}).finish();
    const std::pair<size_t, const char*> cases[] = {
        {png.size(), "the PNG data ends before its last row"},
        {png.size() / 2, "the PNG data is truncated"},  // cut inside its image data
    };
    for (const auto& [size, problem] : cases) {
        INFO(problem);
        const std::string poster = fx.path("poster.png");
        std::ofstream(poster, std::ios::binary).write(reinterpret_cast<const char*>(png.data()), long(size));
        const auto result = generate_with(fx, poster);
        CHECK(result.exit_code == 2);
        check_one_sentence(result);
        CHECK_THAT(result.err,
                   Catch::EndsWith("genlayer: The image file " + poster + " could not be read (" + problem + ").\n"));
        // Before, the whole 16000x16000 (976 MB) was allocated first.
        INFO("peak RSS " << result.max_rss_kib / kMiBinKiB << " MiB, idle " << idle.max_rss_kib / kMiBinKiB << " MiB");
        CHECK(result.max_rss_kib - idle.max_rss_kib < 32 * kMiBinKiB);
    }
    CHECK(fx.count_requests("POST", "/") == 0);  // nothing uploaded, nothing submitted
}
