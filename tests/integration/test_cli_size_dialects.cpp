// Both documented size dialects against an emulator that accepts only one:
// the client translates, switches once after a refusal of the size, and
// remembers the dialect that worked.
#include "image/image_codec.hpp"
#include "test_fixture.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>

using namespace genlayer;
using namespace genlayer::testing;

namespace {

const std::vector<std::string> kRatioGateway = {"--gen-ms", "0", "--size-dialect", "ratio"};
const std::vector<std::string> kPixelGateway = {"--gen-ms", "0", "--size-dialect", "pixels"};

nlohmann::json report_of(const CliResult& result) {
    INFO("stderr: " << result.err);
    REQUIRE(result.exit_code == 0);
    return nlohmann::json::parse(result.out);
}

CliResult generate(const Fixture& fx, std::vector<std::string> extra, const std::string& output = "out.png") {
    std::vector<std::string> args = {"generate", "--prompt", "a harbour", "--output", fx.path(output), "--json"};
    args.insert(args.end(), extra.begin(), extra.end());
    return fx.cli(args);
}

std::string remembered(const Fixture& fx) {
    std::ifstream in(fx.journal_dir().parent_path() / "size-dialects.json");
    const auto memory = nlohmann::json::parse(in, nullptr, false);
    const auto url = fx.emulator().api_url();
    return memory.is_object() && memory.contains(url) ? memory[url].get<std::string>() : "";
}

}  // namespace

TEST_CASE("auto: a ratio gateway refuses pixels once, takes the ratio, and is remembered") {
    Fixture fx(kRatioGateway);
    const auto report = report_of(generate(fx, {"--size", "1536x1024"}));
    CHECK(report["size_dialect"] == "ratio");
    CHECK(report["request"]["size"] == "3:2");
    CHECK(report["request"]["resolution"] == "1K");
    CHECK(fx.count_requests("POST", "/v1/images/generations") == 2);
    CHECK(fx.count_answers(400) == 1);
    // Placed by its real size: the gateway's, never assumed from the ratio.
    const auto image = read_image_file(fx.path("out.png"));
    CHECK(image.width == 1248);
    CHECK(image.height == 832);
    CHECK(remembered(fx) == "ratio");
    REQUIRE(fx.journal().size() == 1);
    CHECK(fx.journal()[0].size_dialect == "ratio");
    CHECK(fx.journal()[0].request["size"] == "3:2");

    // The next job sends the remembered dialect at once.
    const auto second = report_of(generate(fx, {"--size", "2048x1152"}, "second.png"));
    CHECK(second["request"]["size"] == "16:9");
    CHECK(second["request"]["resolution"] == "2K");
    CHECK(fx.count_requests("POST", "/v1/images/generations") == 3);
    CHECK(read_image_file(fx.path("second.png")).width == 2048);
}

TEST_CASE("auto: a size only the ratio dialect can say is sent in ratio at once") {
    Fixture fx(kRatioGateway);
    const auto report = report_of(generate(fx, {"--size", "16:9", "--resolution", "4K"}));
    CHECK(report["size_dialect"] == "ratio");
    CHECK(fx.count_requests("POST", "/v1/images/generations") == 1);
    const auto image = read_image_file(fx.path("out.png"));
    CHECK(image.width == 3840);
    CHECK(image.height == 2160);
}

TEST_CASE("auto: a ratio asked of a pixel gateway is translated, and 4K is refused locally") {
    Fixture fx(kPixelGateway);
    const auto report = report_of(generate(fx, {"--size", "3:2", "--resolution", "2K"}));
    CHECK(report["size_dialect"] == "pixels");
    CHECK(report["request"]["size"] == "2048x1360");
    CHECK(fx.count_requests("POST", "/v1/images/generations") == 1);

    // 4K exists only in ratio: sent as ratio, refused by this gateway, and
    // pixels cannot say it, so the refusal stands after one submit.
    const auto four_k = generate(fx, {"--size", "16:9", "--resolution", "4K"}, "four.png");
    CHECK(four_k.exit_code == 2);
    CHECK_THAT(four_k.err, Catch::Contains("size 16:9 at resolution 4K is not supported"));
    CHECK(fx.count_requests("POST", "/v1/images/generations") == 2);
}

TEST_CASE("a fixed dialect is sent as set, never switched") {
    Fixture fx(kRatioGateway);
    const auto refused = generate(fx, {"--size", "1536x1024", "--size-dialect", "pixels"});
    CHECK(refused.exit_code == 2);
    CHECK(fx.count_requests("POST", "/v1/images/generations") == 1);

    const auto translated = report_of(generate(fx, {"--size", "1536x1024", "--size-dialect", "ratio"}, "r.png"));
    CHECK(translated["request"]["size"] == "3:2");
    CHECK(fx.count_requests("POST", "/v1/images/generations") == 2);

    const auto local = generate(fx, {"--size", "16:9", "--resolution", "4K", "--size-dialect", "pixels"}, "l.png");
    CHECK(local.exit_code == 2);
    CHECK_THAT(local.err, Catch::Contains("Resolution 4K has no equivalent while the gateway takes sizes in pixels"));
    CHECK(fx.count_requests("POST", "/v1/images/generations") == 2);  // refused locally: nothing sent

    const auto unknown = generate(fx, {"--size-dialect", "inches"}, "u.png");
    CHECK(unknown.exit_code == 2);
    CHECK_THAT(unknown.err, Catch::Contains("The size dialect \"inches\" is not known"));
}

TEST_CASE("auto size is worked out again in the new dialect after a switch, not translated") {
    Fixture fx(kRatioGateway);
    const auto reference = test_pattern(1600, 1280, false);  // 5:4, which only the ratio dialect offers
    write_image_file(fx.path("ref.png"), view_of(reference));
    const auto report = report_of(generate(fx, {"--reference", fx.path("ref.png")}));
    CHECK(report["size_dialect"] == "ratio");
    CHECK(report["request"]["size"] == "5:4");
    CHECK(report["request"]["resolution"] == "2K");
}

TEST_CASE("TOAPIS_SIZE_DIALECT sets the dialect like the flag") {
    Fixture fx(kRatioGateway);
    auto env = fx.env();
    env["TOAPIS_SIZE_DIALECT"] = "ratio";
    const auto result =
        run_cli({"generate", "--prompt", "p", "--size", "1024x1024", "--output", fx.path("e.png"), "--json"}, env);
    CHECK(report_of(result)["request"]["size"] == "1:1");
    CHECK(fx.count_requests("POST", "/v1/images/generations") == 1);
    CHECK(remembered(fx).empty());  // a fixed setting is not a discovery
}
