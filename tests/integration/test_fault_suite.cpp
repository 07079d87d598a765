// The fault-injection suite for `genlayer generate` and `genlayer resume`:
// truncated bodies, a stalling server, a connect that never completes, an
// oversized reference and a key refused after the submit. Each case checks
// the outcome and that nothing paid for is lost or billed twice.
#include "image/image_codec.hpp"
#include "test_fixture.hpp"

#include <httplib.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#include <csignal>
#include <random>

using namespace genlayer;
using namespace genlayer::testing;

namespace {

constexpr int kMiB = 1024 * 1024;
constexpr auto kJournalWait = std::chrono::seconds(20);

std::vector<std::string> generate_args(const Fixture& fx, std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"generate", "--prompt", "a lighthouse", "--output", fx.path("out.png")};
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
}

// Arms `faults` on the emulator, then runs `genlayer generate`.
CliResult generate_under(const Fixture& fx, const nlohmann::json& faults, std::vector<std::string> extra = {}) {
    fx.emulator().arm(faults);
    return fx.cli(generate_args(fx, std::move(extra)));
}

int submits(const Fixture& fx) { return fx.count_requests("POST", "/v1/images/generations"); }

bool has_submitted_entry(const Fixture& fx) {
    for (const auto& entry : fx.journal())
        if (entry.stage == JobStage::submitted) return true;
    return false;
}

// A loopback port that accepts no connection: listen(fd, 0) with its one
// queue place taken by a connection nobody accepts, so Linux drops every
// further SYN and a client's connect waits until its own timeout.
class BlackholePort {
public:
    BlackholePort() : listener_(::socket(AF_INET, SOCK_STREAM, 0)), filler_(::socket(AF_INET, SOCK_STREAM, 0)) {
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof address;
        const auto* any = reinterpret_cast<sockaddr*>(&address);
        if (::bind(listener_, any, length) != 0 || ::listen(listener_, 0) != 0 ||
            ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) != 0 ||
            ::connect(filler_, any, length) != 0)
            throw std::runtime_error("cannot set up the blackholed port");
        port_ = ntohs(address.sin_port);
    }
    ~BlackholePort() {
        ::close(filler_);
        ::close(listener_);
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

private:
    int listener_;
    int filler_;
    int port_ = 0;
};

// Random RGBA: no PNG compressor can shrink it.
RgbaImage noise(uint32_t w, uint32_t h) {
    RgbaImage image(w, h);
    std::mt19937 random(7);
    for (auto& byte : image.pixels) byte = uint8_t(random());
    return image;
}

}  // namespace

TEST_CASE("a truncated status body is asked again, and the generation succeeds", "[faults]") {
    Fixture fx;
    const auto result = generate_under(fx, {{"truncate_json", 1}});
    INFO(result.err);
    CHECK(result.exit_code == 0);
    CHECK(std::filesystem::exists(fx.path("out.png")));
    CHECK(fx.count_requests("GET", "/v1/images/generations/") >= 2);
    CHECK(submits(fx) == 1);
}

TEST_CASE("status bodies that stay truncated end in exit 8, and the task is collected later", "[faults]") {
    Fixture fx;
    const auto result = generate_under(fx, {{"truncate_json", 100}});
    INFO(result.err);
    CHECK(result.exit_code == 8);
    CHECK_THAT(result.err, Catch::Contains("genlayer: ") && !Catch::Contains("{"));
    CHECK_FALSE(std::filesystem::exists(fx.path("out.png")));
    REQUIRE(fx.journal().size() == 1);
    CHECK(fx.journal()[0].collectable(unix_now()));

    fx.emulator().arm({{"truncate_json", 0}});
    const auto resumed = fx.cli({"resume"});
    INFO(resumed.err);
    CHECK(resumed.exit_code == 0);
    CHECK(std::filesystem::exists(fx.path("out.png")));
    CHECK(submits(fx) == 1);
}

TEST_CASE("a download that stalls past --stall-timeout is abandoned and retried", "[faults]") {
    Fixture fx;
    // Only the first download stalls, held halfway until the emulator stops.
    const auto result = generate_under(fx, {{"hold_downloads", 1}}, {"--stall-timeout", "1"});
    INFO(result.err);
    CHECK(result.exit_code == 0);
    CHECK(std::filesystem::exists(fx.path("out.png")));
    // Two downloads: the stalled one was abandoned, not waited out.
    CHECK(fx.count_requests("GET", "/generated/") == 2);
    CHECK(submits(fx) == 1);
}

TEST_CASE("a blackholed connect fails within the connect timeout and bills nothing", "[faults]") {
    Fixture fx;
    BlackholePort blackhole;
    // Connect attempts of 2 s, with backoff between them, inside a 6 s deadline.
    const auto result =
        fx.cli(generate_args(fx, {"--base-url", blackhole.url(), "--connect-timeout", "2", "--timeout", "6"}));
    INFO(result.err);
    CHECK(result.exit_code == 5);
    CHECK_THAT(result.err, Catch::Contains("Could not connect"));
    CHECK(result.elapsed.count() >= 2.0);  // the connect timeout was waited out, not refused at once
    // Journaled before the submit, then marked failed: a submit that never
    // connected created nothing, so nothing waits to be collected.
    const auto entries = fx.journal();
    REQUIRE(entries.size() == 1);
    CHECK(entries[0].task_id.empty());
    CHECK(entries[0].stage == JobStage::failed);
    CHECK(fx.emulator().log().empty());
}

TEST_CASE("an oversized reference is shrunk under 10 MB before the upload", "[faults][heavy]") {
    Fixture fx({"--gen-ms", "300", "--result-size", "256x256"});
    write_image_file(fx.path("huge.png"), view_of(noise(4096, 4096)));
    REQUIRE(std::filesystem::file_size(fx.path("huge.png")) > 10u * kMiB);

    const auto result = fx.cli(generate_args(fx, {"--reference", fx.path("huge.png"), "--json"}));
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    const auto report = nlohmann::json::parse(result.out);
    CHECK(report["bytes_uploaded"].get<uint64_t>() < 10u * kMiB);
    CHECK(fx.count_requests("POST", "/v1/uploads/images") == 1);
    CHECK(fx.count_answers(400) == 0);

    // What the gateway holds is a whole image under the cap, with its alpha.
    const std::string url = report["request"]["reference_images"].at(0);
    REQUIRE_THAT(url, Catch::StartsWith(fx.emulator().files_url()));
    httplib::Client files(fx.emulator().files_url());
    const auto uploaded = files.Get(url.substr(fx.emulator().files_url().size()));
    REQUIRE(uploaded);
    CHECK(uploaded->body.size() < 10u * kMiB);
    const auto image = decode_image({reinterpret_cast<const uint8_t*>(uploaded->body.data()), uploaded->body.size()});
    CHECK(image.width == image.height);
    CHECK(image.width < 2048);
    CHECK(has_transparency(view_of(image)));
}

TEST_CASE("a key refused on status after the submit keeps the task for a later resume", "[faults]") {
    // Held until the last resume: the killed run cannot have collected it.
    Fixture fx({"--gen-ms", "300", "--hold-tasks", "1", "--api-key", kTestKey});
    // Submitted with a good key, then the process dies.
    CliProcess generate(generate_args(fx), fx.env());
    REQUIRE(wait_until([&] { return has_submitted_entry(fx); }, kJournalWait));
    generate.signal(SIGKILL);
    CHECK(generate.finish().exit_code == 128 + SIGKILL);

    // The key was replaced meanwhile: status answers 401.
    auto env = fx.env();
    env["TOAPIS_API_KEY"] = "a-revoked-key";
    const auto refused = run_cli({"resume"}, env);
    INFO(refused.err);
    CHECK(refused.exit_code == 3);
    CHECK_THAT(refused.err, Catch::Contains("401") && !Catch::Contains("a-revoked-key"));
    CHECK(fx.count_answers(401) >= 1);
    REQUIRE(fx.journal().size() == 1);
    CHECK(fx.journal()[0].collectable(unix_now()));

    fx.emulator().release({{"tasks", "all"}});
    const auto resumed = fx.cli({"resume"});
    INFO(resumed.err);
    CHECK(resumed.exit_code == 0);
    CHECK(std::filesystem::exists(fx.path("out.png")));
    CHECK(submits(fx) == 1);
}
