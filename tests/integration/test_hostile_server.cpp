// What a hostile or broken server can make `genlayer generate` do. Each case
// ends in one sentence and its documented exit code within the deadline it
// was given, holds bounded memory, submits once and keeps the task in the
// journal. Nothing here waits on the clock: a trickling server is run
// against a short --timeout, and the assertions are on what the CLI says.
#include "hostile_gateway.hpp"
#include "image_bombs.hpp"
#include "sentence_check.hpp"
#include "test_fixture.hpp"

#include <catch2/catch.hpp>

using namespace genlayer;
using namespace genlayer::testing;

namespace {

constexpr long kMiBinKiB = 1024;

CliResult generate_against(const Fixture& fx, const HostileGateway& gateway, std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"generate",         "--prompt",   "a lighthouse", "--output",
                                  fx.path("out.png"), "--base-url", gateway.url()};
    args.insert(args.end(), extra.begin(), extra.end());
    return fx.cli(args);
}

// Submitted once, not collected, and still waiting in the journal for `genlayer resume`.
void check_task_kept(const Fixture& fx, const HostileGateway& gateway) {
    CHECK(gateway.submits() == 1);
    CHECK_FALSE(std::filesystem::exists(fx.path("out.png")));
    const auto entries = fx.journal();
    REQUIRE(entries.size() == 1);
    CHECK(entries[0].task_id == "task_hostile");
    CHECK(entries[0].collectable(unix_now()));
}

}  // namespace

TEST_CASE("a status answer with a 1 MB header is refused as too large: exit 8", "[hostile]") {
    Fixture fx;
    HostileGateway gateway(Hostility::huge_status_header);
    const auto result = generate_against(fx, gateway);
    CHECK(result.exit_code == 8);
    check_one_sentence(result);
    CHECK_THAT(result.err, Catch::Contains("answer to the status check was larger than allowed"));
    CHECK(gateway.status_requests() == 1);  // not asked again: a retry would only get the same
    check_task_kept(fx, gateway);
}

TEST_CASE("a status body that never ends is cut at the 1 MiB cap: exit 8", "[hostile]") {
    Fixture fx;
    HostileGateway gateway(Hostility::endless_status);
    const auto result = generate_against(fx, gateway);
    CHECK(result.exit_code == 8);
    check_one_sentence(result);
    CHECK_THAT(result.err, Catch::Contains("answer to the status check was larger than allowed"));
    CHECK(gateway.status_requests() == 1);
    check_task_kept(fx, gateway);
}

TEST_CASE("a status answer sent a byte a second is ended by the overall deadline: exit 7", "[hostile]") {
    Fixture fx;
    HostileGateway gateway(Hostility::trickled_status);
    // Bytes keep moving, so the 30 s stall rule never fires: only --timeout ends it.
    const auto result = generate_against(fx, gateway, {"--timeout", "4"});
    CHECK(result.exit_code == 7);
    check_one_sentence(result);
    CHECK(gateway.bytes_sent() >= 1);  // the status answer had begun to trickle
    check_task_kept(fx, gateway);
}

TEST_CASE("a status page of HTML instead of JSON is a bad response, never quoted: exit 8", "[hostile]") {
    Fixture fx;
    HostileGateway gateway(Hostility::html_status);
    const auto result = generate_against(fx, gateway);
    CHECK(result.exit_code == 8);
    check_one_sentence(result);
    CHECK_THAT(result.err, Catch::Contains("answer to the task query is unreadable") && !Catch::Contains("<"));
    CHECK(gateway.status_requests() == 3);  // a garbled read is asked twice more, then reported
    check_task_kept(fx, gateway);
}

TEST_CASE("a result redirected to file:// or ftp:// is never followed: exit 8", "[hostile]") {
    const auto hostility = GENERATE(Hostility::result_redirect_to_file, Hostility::result_redirect_to_ftp);
    Fixture fx;
    HostileGateway gateway(hostility);
    const auto result = generate_against(fx, gateway);
    CHECK(result.exit_code == 8);
    check_one_sentence(result);
    CHECK_THAT(result.err, Catch::Contains("not a valid http(s) URL"));
    CHECK(gateway.ftp_connections() == 0);
    CHECK(gateway.submits() == 1);
    CHECK_FALSE(std::filesystem::exists(fx.path("out.png")));
}

TEST_CASE("a result of 200 MB is refused past the 64 MB cap and never held whole: exit 8", "[hostile]") {
    Fixture fx;
    HostileGateway gateway(Hostility::huge_result);
    const auto idle = fx.idle_with_image_module();
    const auto result = generate_against(fx, gateway);
    CHECK(result.exit_code == 8);
    check_one_sentence(result);
    CHECK_THAT(result.err, Catch::Contains("answer to the download was larger than allowed"));
    INFO("peak RSS " << result.max_rss_kib / kMiBinKiB << " MiB, idle " << idle.max_rss_kib / kMiBinKiB << " MiB");
    // At most the 64 MB cap in the body, and room for a sanitizer's shadow.
    CHECK(result.max_rss_kib - idle.max_rss_kib < 80 * kMiBinKiB);
    CHECK(gateway.bytes_sent() < HostileGateway::kHugeResultBytes / 2);  // the rest was never asked for
    CHECK(gateway.submits() == 1);
    CHECK_FALSE(std::filesystem::exists(fx.path("out.png")));
}

TEST_CASE("a result declaring a huge image is refused from its header: exit 8", "[hostile]") {
    const std::pair<std::vector<uint8_t>, std::string> bombs[] = {
        {test::png_declaring(20000, 20000), "it is 20000x20000 pixels, over the limit of 16384 per side"},
        {test::jpeg_declaring(20000, 20000), "it is 20000x20000 pixels, over the limit of 16384 per side"},
        {test::webp_declaring(16000, 16000), "it is 16000x16000 pixels, 976 MB decoded, over the limit of 64 MB"},
        {test::png_declaring(8000, 8000), "it is 8000x8000 pixels, 244 MB decoded, over the limit of 64 MB"},
    };
    Fixture fx;
    const auto idle = fx.idle_with_image_module();
    for (const auto& [bomb, problem] : bombs) {
        INFO(problem);
        HostileGateway gateway(Hostility::crafted_result, std::string(bomb.begin(), bomb.end()));
        const auto result = generate_against(fx, gateway);
        CHECK(result.exit_code == 8);
        check_one_sentence(result);
        CHECK_THAT(result.err, Catch::EndsWith("genlayer: The result image could not be decoded (" + problem + ").\n"));
        // The pixels of any of these would take 244 MB at least.
        INFO("peak RSS " << result.max_rss_kib / kMiBinKiB << " MiB, idle " << idle.max_rss_kib / kMiBinKiB << " MiB");
        CHECK(result.max_rss_kib - idle.max_rss_kib < 32 * kMiBinKiB);
        CHECK(gateway.submits() == 1);
        CHECK_FALSE(std::filesystem::exists(fx.path("out.png")));
    }
}
