// `genlayer batch` under interruption, crashes and the gateway's rate limit:
// every input ends with its output, and the emulator's log shows each one
// submitted exactly once.
#include "image/image_codec.hpp"
#include "test_fixture.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <csignal>

using namespace genlayer;
using namespace genlayer::testing;
namespace fs = std::filesystem;

namespace {

constexpr auto kJournalWait = std::chrono::seconds(20);

// `count` small inputs, each with different pixels (so none share an upload).
std::vector<std::string> write_inputs(const Fixture& fx, int count) {
    std::vector<std::string> paths;
    for (int i = 0; i < count; ++i) {
        auto image = test_pattern(32, 32, false);
        image.pixels[0] = uint8_t(i);
        image.pixels[1] = uint8_t(i >> 8);
        paths.push_back(fx.path("in-" + std::to_string(i) + ".png"));
        write_image_file(paths.back(), view_of(image));
    }
    return paths;
}

std::vector<std::string> batch_args(const Fixture& fx, const std::vector<std::string>& inputs, int jobs) {
    std::vector<std::string> args{"batch",    "--prompt",     "ink wash", "--jobs", std::to_string(jobs),
                                  "--output", fx.path("out"), "--json"};
    args.insert(args.end(), inputs.begin(), inputs.end());
    return args;
}

int missing_outputs(const Fixture& fx, const std::vector<std::string>& inputs) {
    int missing = 0;
    for (const auto& input : inputs)
        if (!fs::exists(fs::path(fx.path("out")) / (fs::path(input).stem().string() + ".png"))) ++missing;
    return missing;
}

// Submits the gateway accepted: the log's POSTs that were answered 200.
int accepted_submits(const Fixture& fx) {
    int count = 0;
    for (const auto& entry : fx.emulator().log())
        if (entry["method"] == "POST" && entry["path"] == "/v1/images/generations" && entry["status"] == 200) ++count;
    return count;
}

int entries_with_task(const Fixture& fx) {
    int count = 0;
    for (const auto& entry : fx.journal()) count += !entry.task_id.empty();
    return count;
}

int entries_awaiting_collection(const Fixture& fx) {
    int count = 0;
    for (const auto& entry : fx.journal()) count += entry.collectable(unix_now());
    return count;
}

nlohmann::json summary_of(const CliResult& result) {
    INFO("stdout: " << result.out << "\nstderr: " << result.err);
    return nlohmann::json::parse(result.out);
}

}  // namespace

TEST_CASE("kill -9 of a batch mid-run, then resume: every output, each input billed once", "[batch]") {
    // Every task is held until the test lets it go: four at a time, as --jobs 4 submits them.
    Fixture fx({"--gen-ms", "0", "--hold-tasks", "12", "--result-size", "64x64"});
    const auto inputs = write_inputs(fx, 12);
    const auto args = batch_args(fx, inputs, 4);

    // Killed once every input has its task and the last four are still held.
    CliProcess batch(args, fx.env());
    for (int submitted = 4; submitted <= 12; submitted += 4) {
        fx.emulator().wait_for({{"tasks", submitted}, {"held", 4}});
        if (submitted < 12) fx.emulator().release({{"tasks", "all"}});
    }
    REQUIRE(wait_until([&] { return entries_with_task(fx) == 12; }, kJournalWait));
    batch.signal(SIGKILL);
    CHECK(batch.finish().exit_code == 128 + SIGKILL);
    CHECK(fx.emulator().state()["most_active"] == 4);
    REQUIRE(missing_outputs(fx, inputs) >= 4);

    fx.emulator().release({{"tasks", "all"}});
    const auto resumed = fx.cli({"resume"});
    INFO(resumed.err);
    CHECK(resumed.exit_code == 0);
    CHECK(missing_outputs(fx, inputs) == 0);
    CHECK(accepted_submits(fx) == 12);
    CHECK(fx.emulator().tasks().size() == 12);

    // The same command again finds every output and sends nothing.
    const auto log_before = fx.emulator().log().size();
    const auto rerun = fx.cli(args);
    CHECK(rerun.exit_code == 0);
    const auto summary = summary_of(rerun);
    CHECK(summary["skipped"] == 12);
    CHECK(summary["submits"] == 0);
    CHECK(fx.emulator().log().size() == log_before);
}

TEST_CASE("Ctrl-C of a batch says how to resume, and the same command collects what was in flight", "[batch]") {
    // The first two tasks are held: no slot frees before the interrupt.
    Fixture fx({"--gen-ms", "0", "--hold-tasks", "2", "--result-size", "64x64"});
    const auto inputs = write_inputs(fx, 4);
    const auto args = batch_args(fx, inputs, 2);

    CliProcess batch(args, fx.env());
    REQUIRE(wait_until([&] { return entries_with_task(fx) == 2; }, kJournalWait));
    batch.signal(SIGINT);
    const auto interrupted = batch.finish();
    INFO(interrupted.err);
    CHECK(interrupted.exit_code == 130);
    CHECK_THAT(interrupted.err, Catch::Contains("run the same command again"));
    CHECK(summary_of(interrupted)["interrupted"] == true);
    CHECK(accepted_submits(fx) == 2);
    // The two submitted tasks wait in the journal. A job that was still
    // waiting for a slot left nothing, or (if a slot freed as the cancel
    // spread) an entry marked failed: cancelled before anything was sent.
    CHECK(entries_awaiting_collection(fx) == 2);
    for (const auto& entry : fx.journal()) {
        if (entry.collectable(unix_now())) continue;
        CHECK(entry.stage == JobStage::failed);
        CHECK(entry.task_id.empty());
    }

    fx.emulator().release({{"tasks", "all"}});
    const auto rerun = fx.cli(args);
    INFO(rerun.err);
    CHECK(rerun.exit_code == 0);
    const auto summary = summary_of(rerun);
    CHECK(summary["collected"] == 2);
    CHECK(summary["written"] == 2);
    CHECK(summary["submits"] == 2);
    CHECK(missing_outputs(fx, inputs) == 0);
    CHECK(accepted_submits(fx) == 4);
}

TEST_CASE("100 inputs against --max-active 8: every output, no duplicate submit, the 429s counted", "[batch][heavy]") {
    // The first tasks are held until the gateway has refused a submit, so
    // the limit is reached however slowly the batch submits.
    Fixture fx({"--gen-ms", "300", "--max-active", "8", "--hold-tasks", "100", "--result-size", "64x64"});
    const auto inputs = write_inputs(fx, 100);

    CliProcess batch(batch_args(fx, inputs, 16), fx.env());
    fx.emulator().wait_for({{"refused", 1}});
    fx.emulator().arm({{"hold_tasks", 0}});
    fx.emulator().release({{"tasks", "all"}});
    const auto result = batch.finish();
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    CHECK(missing_outputs(fx, inputs) == 0);
    CHECK(accepted_submits(fx) == 100);
    CHECK(fx.emulator().tasks().size() == 100);

    const auto summary = summary_of(result);
    const int answered_429 = fx.count_answers(429);
    CHECK(answered_429 > 0);  // 16 wanted, 8 allowed: the limit was reached
    CHECK(summary["rate_limited"] == answered_429);
    CHECK(summary["submits"] == 100);
    CHECK(summary["written"] == 100);
    CHECK_THAT(result.err, Catch::Contains(std::to_string(answered_429) + " answered 429"));
}

TEST_CASE("identical reference bytes are uploaded once for the whole batch", "[batch]") {
    Fixture fx({"--gen-ms", "300", "--result-size", "64x64"});
    const auto image = test_pattern(48, 48, false);
    std::vector<std::string> inputs;
    for (const char* name : {"a.png", "b.png", "c.png"}) {
        inputs.push_back(fx.path(name));
        write_image_file(inputs.back(), view_of(image));
    }
    const auto result = fx.cli(batch_args(fx, inputs, 4));
    INFO(result.err);
    CHECK(result.exit_code == 0);
    CHECK(missing_outputs(fx, inputs) == 0);
    CHECK(fx.count_requests("POST", "/v1/uploads/images") == 1);
    CHECK(accepted_submits(fx) == 3);
}
