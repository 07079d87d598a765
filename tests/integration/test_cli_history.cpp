// `genlayer history`: what generate and batch downloaded is kept, listed,
// exported without the gateway, kept, forgotten and pruned; a kill between
// download and write leaves the image there.
#include "emulated_generation.hpp"
#include "image/image_codec.hpp"
#include "sentence_check.hpp"
#include "test_fixture.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <iterator>

using namespace genlayer;
using namespace genlayer::testing;
namespace fs = std::filesystem;

namespace {

nlohmann::json json_of(const CliResult& result) {
    INFO("stdout: " << result.out << "\nstderr: " << result.err);
    REQUIRE(result.exit_code == 0);
    return nlohmann::json::parse(result.out);
}

nlohmann::json history_of(const Fixture& fx, std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"history", "--json"};
    args.insert(args.end(), extra.begin(), extra.end());
    return json_of(fx.cli(args))["entries"];
}

std::string read_all(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

}  // namespace

TEST_CASE("generate records every variation, history lists, searches and exports it with the gateway off",
          "[history]") {
    Fixture fx({"--gen-ms", "0", "--result-size", "64x64"});
    const auto report =
        json_of(fx.cli({"generate", "--prompt", "a Red fox", "-n", "2", "--output", fx.path("fox.png"), "--json"}));
    json_of(fx.cli({"generate", "--prompt", "a harbour", "--output", fx.path("harbour.png"), "--json"}));
    const auto task_id = report["task_id"].get<std::string>();

    const auto all = history_of(fx);
    REQUIRE(all.size() == 3);
    CHECK(all[0]["prompt"] == "a harbour");  // newest first
    const auto foxes = history_of(fx, {"--search", "RED FOX"});
    REQUIRE(foxes.size() == 2);
    for (int index = 0; index < 2; ++index) {
        const auto& entry = foxes[size_t(index)];
        CHECK(entry["task_id"] == task_id);
        CHECK(entry["index"] == index);
        CHECK(entry["width"] == 64);
        CHECK(entry["height"] == 64);
        CHECK(entry["created_at"].get<long long>() > 0);
        CHECK(entry["id"].get<std::string>().size() == 16);
        const auto path = entry["path"].get<std::string>();
        CHECK(path.rfind(fx.history_dir().string(), 0) == 0);
        CHECK(differing_pixels(read_image_file(path), render_generation("a Red fox", 64, 64, nullptr, index), 0) == 0);
    }
    CHECK(history_of(fx, {"--limit", "1"}).size() == 1);
    CHECK(read_all(fx.history_dir() / "index.jsonl").find(kTestKey) == std::string::npos);

    // The output deleted, the gateway gone: the history still has the image.
    fs::remove(fx.path("fox-2.png"));
    fx.emulator().stop();
    const auto id = foxes[1]["id"].get<std::string>();
    const auto exported = fx.cli({"history", "export", id.substr(0, 8), fx.path("again.png")});
    INFO(exported.err);
    CHECK(exported.exit_code == 0);
    CHECK(read_all(fx.path("again.png")) == read_all(foxes[1]["path"].get<std::string>()));  // bytes as received
    const auto as_jpeg = fx.cli({"history", "export", id, fx.path("again.jpg")});
    CHECK(as_jpeg.exit_code == 0);
    CHECK(read_image_file(fx.path("again.jpg")).width == 64);
}

TEST_CASE("history keep, forget and prune, and bad ids get one sentence and exit 2", "[history]") {
    Fixture fx({"--gen-ms", "0", "--result-size", "64x64"});
    json_of(fx.cli({"generate", "--prompt", "first", "--output", fx.path("1.png"), "--json"}));
    json_of(fx.cli({"generate", "--prompt", "second", "--output", fx.path("2.png"), "--json"}));
    const auto entries = history_of(fx);
    REQUIRE(entries.size() == 2);
    const auto newer = entries[0]["id"].get<std::string>();
    const auto older = entries[1]["id"].get<std::string>();

    CHECK(fx.cli({"history", "keep", older}).exit_code == 0);
    CHECK(history_of(fx)[1]["kept"] == true);

    // A limit smaller than one image: prune evicts all but the kept one.
    auto env = fx.env();
    env["GENLAYER_HISTORY_MAX_MB"] = "0.0001";
    const auto pruned = run_cli({"history", "prune", "--json"}, env);
    INFO(pruned.err);
    CHECK(json_of(pruned)["evicted"] == 1);
    const auto left = history_of(fx);
    REQUIRE(left.size() == 1);
    CHECK(left[0]["id"] == older);
    CHECK_FALSE(fs::exists(fx.history_dir() / newer));

    CHECK(fx.cli({"history", "forget", older}).exit_code == 0);
    CHECK(history_of(fx).empty());

    for (const std::vector<std::string>& args : {std::vector<std::string>{"history", "export", older, fx.path("x.png")},
                                                 {"history", "keep", "ffffffffffff"},
                                                 {"history", "forget", "ab"},
                                                 {"history", "keep"},
                                                 {"history", "rename", older},
                                                 {"history", "--limit", "0"}}) {
        const auto refused = fx.cli(args);
        CHECK(refused.exit_code == 2);
        check_one_sentence(refused);
    }
    CHECK_FALSE(fs::exists(fx.path("x.png")));
}

TEST_CASE("with --no-history nothing is recorded, and batch records each input's result", "[history]") {
    Fixture fx({"--gen-ms", "0", "--result-size", "64x64"});
    json_of(fx.cli({"generate", "--prompt", "unrecorded", "--no-history", "--output", fx.path("u.png"), "--json"}));
    CHECK(history_of(fx).empty());

    write_image_file(fx.path("in-a.png"), view_of(test_pattern(32, 32, false)));
    write_image_file(fx.path("in-b.png"), view_of(test_pattern(48, 32, false)));
    const auto batch = fx.cli({"batch", "--prompt", "batched", "--output", fx.path("out"), "--quiet",
                               fx.path("in-a.png"), fx.path("in-b.png")});
    INFO(batch.err);
    REQUIRE(batch.exit_code == 0);
    const auto recorded = history_of(fx);
    REQUIRE(recorded.size() == 2);
    CHECK(recorded[0]["prompt"] == "batched");
    CHECK(recorded[0]["target"].contains("batch_input"));

    const auto unrecorded = fx.cli(
        {"batch", "--prompt", "again", "--no-history", "--output", fx.path("out2"), "--quiet", fx.path("in-a.png")});
    REQUIRE(unrecorded.exit_code == 0);
    CHECK(history_of(fx).size() == 2);
}

TEST_CASE("kill -9 between download and write: the downloaded image is in the history", "[history]") {
    // Both downloads stop halfway until released: the test lets the first
    // finish, and kills the CLI while the second is held.
    Fixture fx({"--gen-ms", "0", "--result-size", "64x64", "--hold-downloads", "2"});
    CliProcess generate({"generate", "--prompt", "paid for", "-n", "2", "--output", fx.path("paid.png")}, fx.env());
    fx.emulator().wait_for({{"held_downloads", 1}});
    fx.emulator().release({{"downloads", 1}});
    fx.emulator().wait_for({{"held_downloads", 1}});  // the second download: the first is saved
    generate.signal(SIGKILL);
    CHECK(generate.finish().exit_code == 128 + SIGKILL);
    CHECK_FALSE(fs::exists(fx.path("paid-1.png")));

    fx.emulator().stop();
    const auto entries = history_of(fx);
    REQUIRE(entries.size() == 1);
    CHECK(entries[0]["index"] == 0);
    CHECK(entries[0]["task_id"] == fx.journal().at(0).task_id);
    const auto path = entries[0]["path"].get<std::string>();
    CHECK(differing_pixels(read_image_file(path), render_generation("paid for", 64, 64, nullptr, 0), 0) == 0);
}
