// `genlayer generate` when things go wrong: each failure ends in one
// sentence and the right exit code, retries happen only where they are safe,
// and nothing is billed twice.
#include "jobs/journal.hpp"
#include "sentence_check.hpp"
#include "test_fixture.hpp"

#include <catch2/catch.hpp>

#include <csignal>
#include <fstream>

using namespace genlayer;
using namespace genlayer::testing;

namespace {

std::vector<std::string> generate_args(const Fixture& fx, const std::string& prompt = "a lighthouse") {
    return {"generate", "--prompt", prompt, "--output", fx.path("out.png")};
}

}  // namespace

TEST_CASE("an invalid size pair is refused with no request sent") {
    Fixture fx;
    auto args = generate_args(fx);
    args.insert(args.end(), {"--size", "1024x1536", "--resolution", "1024"});
    const auto result = fx.cli(args);
    CHECK(result.exit_code == 2);
    check_one_sentence(result);
    CHECK(fx.emulator().log().empty());
}

TEST_CASE("a base64 reference is refused locally") {
    Fixture fx;
    auto args = generate_args(fx);
    args.insert(args.end(), {"--reference", "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB"});
    const auto result = fx.cli(args);
    CHECK(result.exit_code == 2);
    check_one_sentence(result);
    CHECK(fx.emulator().log().empty());
}

TEST_CASE("a refused key ends with exit 3 and the 401 sentence") {
    Fixture fx({"--gen-ms", "300", "--api-key", "another-key"});
    const auto result = fx.cli(generate_args(fx));
    CHECK(result.exit_code == 3);
    CHECK_THAT(result.err, Catch::Contains("401") && Catch::Contains("TOAPIS_API_KEY"));
    check_one_sentence(result);
}

TEST_CASE("a missing key is reported before any request") {
    Fixture fx;
    auto env = fx.env();
    env.erase("TOAPIS_API_KEY");
    const auto result = run_cli(generate_args(fx), env);
    CHECK(result.exit_code == 3);
    check_one_sentence(result);
    CHECK(fx.emulator().log().empty());
}

TEST_CASE("a config file with the key readable by others is refused") {
    Fixture fx;
    std::filesystem::create_directories(fx.dir() / "config" / "genlayer");
    const auto config = fx.dir() / "config" / "genlayer" / "config.json";
    std::ofstream(config) << R"({"api_key": "from-file"})";
    std::filesystem::permissions(config, std::filesystem::perms(0644));
    auto env = fx.env();
    env.erase("TOAPIS_API_KEY");
    const auto result = run_cli(generate_args(fx), env);
    CHECK(result.exit_code == 3);
    CHECK_THAT(result.err, Catch::Contains("chmod 600"));
    CHECK(result.err.find("from-file") == std::string::npos);
}

TEST_CASE("429 with Retry-After is honoured, then the generation succeeds") {
    Fixture fx;
    fx.emulator().arm({{"rate_limit", 1}});
    const auto result = fx.cli(generate_args(fx));
    INFO(result.err);
    CHECK(result.exit_code == 0);
    CHECK(result.elapsed.count() >= 1.0 + 2.0);  // Retry-After: 1, then the first poll at 2 s
    CHECK(fx.count_requests("POST", "/v1/images/generations") == 2);
    CHECK(std::filesystem::exists(fx.path("out.png")));
}

TEST_CASE("503 on submit is reported as an unknown outcome and never resubmitted") {
    Fixture fx;
    fx.emulator().arm({{"fail_submits", 1}});
    const auto result = fx.cli(generate_args(fx));
    CHECK(result.exit_code == 5);
    check_one_sentence(result);
    CHECK(fx.count_requests("POST", "/v1/images/generations") == 1);
    const auto entries = Journal(fx.journal_dir()).list();
    REQUIRE(entries.size() == 1);
    CHECK(entries[0].stage == JobStage::outcome_unknown);
}

TEST_CASE("500 on status is retried and the generation succeeds") {
    Fixture fx;
    fx.emulator().arm({{"fail_status", 2}});
    const auto result = fx.cli(generate_args(fx));
    INFO(result.err);
    CHECK(result.exit_code == 0);
    CHECK(fx.count_requests("GET", "/v1/images/generations/") >= 3);
}

TEST_CASE("a download dropped mid-body is retried") {
    Fixture fx;
    fx.emulator().arm({{"drop_downloads", 1}});
    const auto result = fx.cli(generate_args(fx));
    INFO(result.err);
    CHECK(result.exit_code == 0);
    CHECK(fx.count_requests("GET", "/generated/") == 2);
    CHECK_FALSE(fx.files_port_saw_authorization());
}

TEST_CASE("malformed JSON that persists is reported as a bad response") {
    Fixture fx;
    fx.emulator().arm({{"malformed_json", 100}});
    const auto result = fx.cli(generate_args(fx));
    CHECK(result.exit_code == 8);
    check_one_sentence(result);
}

TEST_CASE("a task that never finishes ends at the deadline and stays resumable") {
    Fixture fx;
    fx.emulator().arm({{"stall_tasks", 1}});
    auto args = generate_args(fx);
    args.insert(args.end(), {"--timeout", "4"});
    const auto result = fx.cli(args);
    CHECK(result.exit_code == 7);
    check_one_sentence(result);
    // It waits out the deadline (exit 7 says the deadline, not a fault, ended it).
    CHECK(result.elapsed.count() >= 4.0);
    const auto entries = Journal(fx.journal_dir()).list();
    REQUIRE(entries.size() == 1);
    CHECK(entries[0].stage == JobStage::submitted);
    CHECK(entries[0].collectable(unix_now()));
}

TEST_CASE("Ctrl-C cancels cleanly with exit 130 and keeps the task in the journal") {
    Fixture fx({"--gen-ms", "300", "--hold-tasks", "1"});  // generating until the interrupt, however long that takes
    CliProcess cli(generate_args(fx), fx.env());
    // Interrupt once the task exists, as a person would while it generates.
    REQUIRE(wait_until(
        [&] {
            const auto entries = fx.journal();
            return entries.size() == 1 && entries[0].stage == JobStage::submitted;
        },
        std::chrono::seconds(20)));
    cli.signal(SIGINT);
    const auto result = cli.finish();
    CHECK(result.exit_code == 130);
    CHECK_THAT(result.err, Catch::Contains("keeps running on the server"));
    const auto entries = fx.journal();
    REQUIRE(entries.size() == 1);
    CHECK(entries[0].stage == JobStage::submitted);
}

TEST_CASE("an expired result URL is reported, not resubmitted") {
    Fixture fx;
    fx.emulator().arm({{"expire_results", true}});
    const auto result = fx.cli(generate_args(fx));
    CHECK(result.exit_code == 6);
    check_one_sentence(result);
    CHECK(fx.count_requests("POST", "/v1/images/generations") == 1);
}
