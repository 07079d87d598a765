// An upload URL that the cache hands out but the gateway has forgotten: the
// job uploads the bytes again once and resubmits; a second refusal ends the
// job with the gateway's one sentence.
#include "image/image_codec.hpp"
#include "test_fixture.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace genlayer;
using namespace genlayer::testing;

namespace {

struct Calls {
    int uploads = 0;
    int submits = 0;
    int refused_submits = 0;  // 400 invalid_reference_images
};

// The API calls the emulator logged after the first `skip` entries.
Calls calls_since(const Fixture& fx, size_t skip) {
    Calls calls;
    const nlohmann::json log = fx.emulator().log();
    for (size_t i = skip; i < log.size(); ++i) {
        const auto& entry = log[i];
        if (entry["method"] != "POST") continue;
        if (entry["path"] == "/v1/uploads/images") ++calls.uploads;
        if (entry["path"] != "/v1/images/generations") continue;
        ++calls.submits;
        calls.refused_submits += entry["status"] == 400;
    }
    return calls;
}

nlohmann::json batch(const Fixture& fx, const std::string& input, const std::string& output, int expected_exit) {
    const auto result = fx.cli({"batch", "--prompt", "ink wash", "--output", fx.path(output), "--json", input});
    INFO("stdout: " << result.out << "\nstderr: " << result.err);
    CHECK(result.exit_code == expected_exit);
    return nlohmann::json::parse(result.out);
}

}  // namespace

TEST_CASE("a cached upload URL the gateway forgot is uploaded again once, then the job succeeds", "[upload]") {
    Fixture fx({"--gen-ms", "0", "--result-size", "64x64"});
    const std::string input = fx.path("in.png");
    write_image_file(input, view_of(test_pattern(32, 32, false)));

    CHECK(batch(fx, input, "first", 0)["written"] == 1);
    const size_t first_run = fx.emulator().log().size();
    const Calls first = calls_since(fx, 0);
    CHECK(first.uploads == 1);

    SECTION("once refused: one upload, one resubmit, and the new URL is cached") {
        fx.emulator().arm({{"expire_uploads", 1}});
        CHECK(batch(fx, input, "second", 0)["written"] == 1);
        const Calls second = calls_since(fx, first_run);
        CHECK(second.uploads == 1);
        CHECK(second.submits == 2);
        CHECK(second.refused_submits == 1);

        const size_t second_run = fx.emulator().log().size();
        CHECK(batch(fx, input, "third", 0)["written"] == 1);
        const Calls third = calls_since(fx, second_run);
        CHECK(third.uploads == 0);
        CHECK(third.submits == 1);
    }
    SECTION("refused again after the new upload: the job ends with one sentence") {
        fx.emulator().arm({{"expire_uploads", 2}});
        const auto summary = batch(fx, input, "second", 2);
        CHECK(summary["failed"] == 1);
        const std::string sentence = summary["failures"][0]["error"];
        INFO(sentence);
        CHECK_THAT(sentence, Catch::Contains("refused a reference image") && Catch::EndsWith("."));
        CHECK(sentence.find('{') == std::string::npos);
        const Calls second = calls_since(fx, first_run);
        CHECK(second.uploads == 1);
        CHECK(second.submits == 2);
        CHECK(second.refused_submits == 2);
    }
}
