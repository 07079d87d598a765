// `genlayer generate`, `upload` and `status` doing their ordinary work.
#include "emulated_generation.hpp"
#include "image/image_codec.hpp"
#include "test_fixture.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace genlayer;
using namespace genlayer::testing;

namespace {

nlohmann::json json_of(const CliResult& result) {
    INFO("stdout: " << result.out << "\nstderr: " << result.err);
    REQUIRE(result.exit_code == 0);
    return nlohmann::json::parse(result.out);
}

std::string first_reference_url(const nlohmann::json& report) {
    return report["request"]["reference_images"].at(0).get<std::string>();
}

}  // namespace

TEST_CASE("text-only generation writes the emulator's image") {
    Fixture fx;
    const auto result = fx.cli({"generate", "--prompt", "a red fox", "--output", fx.path("fox.png"), "--json"});
    const auto report = json_of(result);
    CHECK(report["outputs"] == nlohmann::json{fx.path("fox.png")});
    CHECK(report["task_id"].get<std::string>().size() > 0);
    const auto expected = render_generation("a red fox", 1024, 1024, nullptr, 0);
    CHECK(differing_pixels(read_image_file(fx.path("fox.png")), expected, 0) == 0);
    CHECK(fx.count_requests("POST", "/v1/uploads/images") == 0);
    CHECK(fx.count_requests("POST", "/v1/images/generations") == 1);
    CHECK_FALSE(fx.files_port_saw_authorization());
}

TEST_CASE("a reference with alpha is uploaded as PNG and comes back exactly") {
    Fixture fx;
    const auto reference = test_pattern(512, 512, true);
    write_image_file(fx.path("ref.png"), view_of(reference));
    const auto report = json_of(fx.cli({"generate", "--prompt", "glass", "--reference", fx.path("ref.png"), "--output",
                                        fx.path("out.png"), "--json"}));
    CHECK_THAT(first_reference_url(report), Catch::EndsWith(".png"));
    CHECK(report["request"]["size"] == "1024x1024");
    const auto expected = render_generation("glass", 1024, 1024, &reference, 0);
    CHECK(differing_pixels(read_image_file(fx.path("out.png")), expected, 0) == 0);
    CHECK_FALSE(fx.files_port_saw_authorization());
}

TEST_CASE("an opaque reference is uploaded as JPEG and sets the aspect for auto size") {
    Fixture fx;
    const auto reference = test_pattern(1920, 1080, false);
    write_image_file(fx.path("ref.png"), view_of(reference));
    const auto report = json_of(fx.cli(
        {"generate", "--prompt", "dusk", "--reference", fx.path("ref.png"), "--output", fx.path("out.png"), "--json"}));
    CHECK_THAT(first_reference_url(report), Catch::EndsWith(".jpg"));
    CHECK(report["request"]["size"] == "2048x1152");
    CHECK(report["request"]["resolution"] == "2048");
    const auto out = read_image_file(fx.path("out.png"));
    CHECK(out.width == 2048);
    CHECK(out.height == 1152);
}

TEST_CASE("a URL reference from `genlayer upload` is passed as it is") {
    Fixture fx;
    const auto reference = test_pattern(256, 256, true);
    write_image_file(fx.path("ref.png"), view_of(reference));
    const auto uploaded = fx.cli({"upload", fx.path("ref.png")});
    REQUIRE(uploaded.exit_code == 0);
    const std::string url = uploaded.out.substr(0, uploaded.out.find('\n'));
    CHECK_THAT(url, Catch::StartsWith(fx.emulator().files_url()));

    const auto report = json_of(fx.cli({"generate", "--prompt", "moss", "--reference", url, "--size", "1024x1024",
                                        "--output", fx.path("out.png"), "--json"}));
    CHECK(first_reference_url(report) == url);
    CHECK(fx.count_requests("POST", "/v1/uploads/images") == 1);  // only the explicit upload
    const auto expected = render_generation("moss", 1024, 1024, &reference, 0);
    CHECK(differing_pixels(read_image_file(fx.path("out.png")), expected, 0) == 0);
}

TEST_CASE("n=2 writes OUT-1 and OUT-2, each its own variation") {
    Fixture fx;
    const auto report = json_of(fx.cli(
        {"generate", "--prompt", "twins", "-n", "2", "--size", "1536x1024", "--output", fx.path("v.png"), "--json"}));
    CHECK(report["outputs"] == nlohmann::json{fx.path("v-1.png"), fx.path("v-2.png")});
    for (int k = 0; k < 2; ++k) {
        const auto expected = render_generation("twins", 1536, 1024, nullptr, k);
        CHECK(differing_pixels(read_image_file(fx.path("v-" + std::to_string(k + 1) + ".png")), expected, 0) == 0);
    }
}

TEST_CASE("b64_json results are decoded like downloaded ones") {
    Fixture fx;
    json_of(fx.cli(
        {"generate", "--prompt", "inline", "--response-format", "b64_json", "--output", fx.path("b.png"), "--json"}));
    const auto expected = render_generation("inline", 1024, 1024, nullptr, 0);
    CHECK(differing_pixels(read_image_file(fx.path("b.png")), expected, 0) == 0);
    CHECK(fx.count_requests("GET", "/generated/") == 0);
}

TEST_CASE("status reports a finished task and its URL") {
    Fixture fx;
    const auto report = json_of(fx.cli({"generate", "--prompt", "owl", "--output", fx.path("o.png"), "--json"}));
    const auto status = fx.cli({"status", report["task_id"].get<std::string>(), "--json"});
    REQUIRE(status.exit_code == 0);
    const auto task = nlohmann::json::parse(status.out);
    CHECK(task["status"] == "completed");
    CHECK(task["progress"] == 100);
    CHECK_THAT(task["urls"].at(0).get<std::string>(), Catch::StartsWith(fx.emulator().files_url()));
}

TEST_CASE("plain progress lines on a pipe, nothing with --quiet") {
    Fixture fx;
    const auto loud = fx.cli({"generate", "--prompt", "p", "--output", fx.path("a.png")});
    REQUIRE(loud.exit_code == 0);
    CHECK_THAT(loud.err, Catch::Contains("genlayer: queued (task ") && Catch::Contains("genlayer: done") &&
                             Catch::Contains("wrote " + fx.path("a.png")));
    CHECK(loud.err.find('\r') == std::string::npos);
    const auto quiet = fx.cli({"generate", "--prompt", "p", "--output", fx.path("b.png"), "--quiet"});
    REQUIRE(quiet.exit_code == 0);
    CHECK(quiet.err.empty());
}

TEST_CASE(
    "without the OpenImageIO module beside it, the CLI submits nothing it could not decode and names what "
    "is missing") {
    Fixture fx;
    // A copy of the program in a folder of its own: no module beside it.
    const auto lonely = fx.dir() / "lonely" / "genlayer";
    std::filesystem::create_directories(lonely.parent_path());
    std::filesystem::copy_file(GENLAYER_CLI_BIN, lonely);
    const RgbaImage reference = test_pattern(64, 48, false);
    write_image_file(fx.path("ref.png"), view_of(reference));
    write_image_file(fx.path("ref.tif"), view_of(reference));
    const std::string module = lonely.parent_path().string() + "/genlayer-openimageio.so";

    const auto generate = run_cli({"generate", "--prompt", "a quiet bay", "--reference", fx.path("ref.png"), "--output",
                                   fx.path("out.jpg"), "--quiet"},
                                  fx.env(), lonely.string());
    CHECK(generate.exit_code == 9);
    CHECK(generate.err == "genlayer: Results are decoded by " + module +
                              ", which is missing, so nothing was sent; reinstall genlayer with the module beside "
                              "the program.\n");
    CHECK(fx.count_requests("POST", "/") == 0);
    CHECK(fx.journal().empty());

    // Uploading needs no decoder for PNG, and names the module for TIFF.
    const auto png = run_cli({"upload", fx.path("ref.png")}, fx.env(), lonely.string());
    CHECK(png.exit_code == 0);
    const auto tiff = run_cli({"upload", fx.path("ref.tif")}, fx.env(), lonely.string());
    CHECK(tiff.exit_code == 2);
    CHECK_THAT(tiff.err, Catch::Contains("The image file " + fx.path("ref.tif") + " could not be read (") &&
                             Catch::Contains(module) && Catch::Contains("could not be loaded"));
    CHECK(fx.count_requests("POST", "/v1/uploads/images") == 1);  // the PNG only
}

TEST_CASE("a prompt from a Latin-1 terminal is refused with exit 2 and nothing is sent") {
    Fixture fx;
    const auto result = fx.cli({"generate", "--prompt", "caf\xE9", "--output", fx.path("cafe.png")});
    CHECK(result.exit_code == 2);
    CHECK(result.err ==
          "genlayer: The value of --prompt is not UTF-8 text (byte 0xE9 at position 4), so nothing was sent; switch "
          "the terminal or the file to UTF-8, or convert the text with iconv.\n");
    CHECK(fx.count_requests("POST", "/") == 0);
    CHECK(fx.count_requests("GET", "/") == 0);
    CHECK(fx.journal().empty());
}

TEST_CASE("installed, the CLI finds the OpenImageIO module in its library folder") {
    Fixture fx;
    // The layout `cmake --install` makes: bin/genlayer and the module where
    // GENLAYER_MODULE_DIR_FROM_BINDIR leads from bin/.
    const auto program = fx.dir() / "prefix" / "bin" / "genlayer";
    const auto module = program.parent_path() / GENLAYER_MODULE_DIR_FROM_BINDIR / "genlayer-openimageio.so";
    std::filesystem::create_directories(program.parent_path());
    std::filesystem::create_directories(module.parent_path());
    std::filesystem::copy_file(GENLAYER_CLI_BIN, program);
    std::filesystem::copy_file(std::filesystem::path(GENLAYER_CLI_BIN).parent_path() / "genlayer-openimageio.so",
                               module);
    write_image_file(fx.path("ref.tif"), view_of(test_pattern(64, 48, false)));

    const auto tiff = run_cli({"upload", fx.path("ref.tif")}, fx.env(), program.string());
    INFO(tiff.err);
    CHECK(tiff.exit_code == 0);
    CHECK(fx.count_requests("POST", "/v1/uploads/images") == 1);
}
