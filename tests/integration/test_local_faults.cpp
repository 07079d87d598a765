// Faults of this machine, not of the server: a full disk, a read-only state
// folder, an unwritable output folder. Each ends in one sentence that names
// the path and what to do, with exit 9 (local file or disk error); nothing is
// submitted, or, when the image was already paid for, `genlayer resume`
// collects it afterwards. The faults are mounts in a private namespace.
#include "image/image_codec.hpp"
#include "private_mounts.hpp"
#include "sentence_check.hpp"
#include "test_fixture.hpp"

#include <catch2/catch.hpp>

using namespace genlayer;
using namespace genlayer::testing;
namespace fs = std::filesystem;

namespace {

constexpr int kExitLocalFile = 9;

std::vector<std::string> generate_args(const fs::path& output) {
    return {"generate", "--prompt", "a lighthouse", "--output", output.string()};
}

int submits(const Fixture& fx) { return fx.count_requests("POST", "/v1/images/generations"); }

}  // namespace

TEST_CASE("a full disk under the journal: exit 9 naming the journal, nothing submitted", "[local]") {
    Fixture fx;
    const auto state = fx.dir() / "state";
    fs::create_directories(state);
    const auto result = run_cli_with_mounts(full_disk_at(state), generate_args(fx.path("out.png")), fx.env());
    CHECK(result.exit_code == kExitLocalFile);
    check_one_sentence(result);
    CHECK_THAT(result.err, Catch::Contains("genlayer: Could not write " + fx.journal_dir().string()) &&
                               Catch::Contains("the disk is full; free some space there, then run the command again."));
    CHECK(fx.emulator().log().empty());
}

TEST_CASE("a read-only state folder: exit 9 naming the journal, nothing submitted", "[local]") {
    Fixture fx;
    fs::create_directories(fx.journal_dir());
    const auto result =
        run_cli_with_mounts(read_only_at(fx.dir() / "state"), generate_args(fx.path("out.png")), fx.env());
    CHECK(result.exit_code == kExitLocalFile);
    check_one_sentence(result);
    CHECK_THAT(result.err, Catch::Contains("genlayer: Could not write " + fx.journal_dir().string()) &&
                               Catch::Contains("read-only file system; make it writable or choose another folder"));
    CHECK(fx.emulator().log().empty());
}

TEST_CASE("an unwritable output folder is refused before anything is sent: exit 9", "[local]") {
    Fixture fx;
    const auto out = fx.dir() / "out";
    fs::create_directories(out);

    const auto generated = run_cli_with_mounts(read_only_at(out), generate_args(out / "x.png"), fx.env());
    CHECK(generated.exit_code == kExitLocalFile);
    check_one_sentence(generated);
    CHECK_THAT(generated.err, Catch::Contains("genlayer: Could not write " + (out / "x.png").string() +
                                              ": the folder is on a read-only file system"));

    write_image_file(fx.path("in.png"), view_of(test_pattern(16, 16, false)));
    const auto batch = run_cli_with_mounts(
        read_only_at(out), {"batch", "--prompt", "ink", "--output", out.string(), fx.path("in.png")}, fx.env());
    CHECK(batch.exit_code == kExitLocalFile);
    check_one_sentence(batch);
    CHECK_THAT(batch.err,
               Catch::Contains("genlayer: Could not write " + out.string() + ": the folder is on a read-only"));

    CHECK(fx.emulator().log().empty());
}

TEST_CASE("a disk that fills before the image is written: exit 9, and resume collects what was paid for", "[local]") {
    Fixture fx;
    const auto out = fx.dir() / "out";
    fs::create_directories(out);
    const auto result = run_cli_with_mounts(full_disk_at(out), generate_args(out / "x.png"), fx.env());
    CHECK(result.exit_code == kExitLocalFile);
    check_one_sentence(result);
    CHECK_THAT(result.err, Catch::Contains("genlayer: Could not write " + (out / "x.png").string() +
                                           ": the disk is full; free some space there, then run `genlayer resume`"));
    CHECK(submits(fx) == 1);

    // The full tmpfs went with that process: the folder is the roomy one again.
    const auto resumed = fx.cli({"resume"});
    INFO(resumed.err);
    CHECK(resumed.exit_code == 0);
    CHECK(fs::exists(out / "x.png"));
    CHECK(submits(fx) == 1);
}
