#include "base/local_file_error.hpp"
#include "jobs/journal.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <filesystem>
#include <fstream>

using namespace genlayer;
using genlayer::test::TempDir;
namespace fs = std::filesystem;

TEST_CASE("journal entries round-trip and list oldest first") {
    TempDir dir;
    Journal journal(dir.path / "journal");
    JournalEntry first;
    first.job_id = "20260101T000000-00000001";
    first.request = {{"prompt", "a"}};
    first.target = {{"image", 3}};
    journal.save(first);
    JournalEntry second = first;
    second.job_id = "20260101T000001-00000002";
    second.stage = JobStage::submitted;
    second.task_id = "task_img_2";
    second.expires_at = unix_now() + 100;
    journal.save(second);

    const auto entries = journal.list();
    REQUIRE(entries.size() == 2);
    CHECK(entries[0].job_id == first.job_id);
    CHECK(entries[1].stage == JobStage::submitted);
    CHECK(entries[1].target == nlohmann::json{{"image", 3}});
    CHECK(journal.find_task("task_img_2")->job_id == second.job_id);
    CHECK_FALSE(journal.find_task("task_img_9"));
}

TEST_CASE("journal files are private and replaced atomically") {
    TempDir dir;
    Journal journal(dir.path);
    JournalEntry entry;
    entry.job_id = Journal::new_job_id();
    journal.save(entry);
    entry.stage = JobStage::completed;
    journal.save(entry);
    struct stat info {};
    REQUIRE(::stat((dir.path / (entry.job_id + ".json")).c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);
    CHECK(journal.load(entry.job_id)->stage == JobStage::completed);
    int files = 0;
    for (const auto& f : fs::directory_iterator(dir.path)) files += f.is_regular_file();
    CHECK(files == 1);  // no temporary left behind
}

TEST_CASE("only submitted, unexpired entries are collectable") {
    JournalEntry entry;
    entry.task_id = "task_x";
    entry.stage = JobStage::submitted;
    CHECK(entry.collectable(1000));
    entry.expires_at = 999;
    CHECK_FALSE(entry.collectable(1000));
    entry.expires_at = 0;
    entry.stage = JobStage::collected;
    CHECK_FALSE(entry.collectable(1000));
    entry.stage = JobStage::outcome_unknown;
    CHECK_FALSE(entry.collectable(1000));
}

TEST_CASE("a corrupt journal file is skipped, a hostile id refused") {
    TempDir dir;
    Journal journal(dir.path);
    std::ofstream(dir.path / "broken.json") << "{ not json";
    CHECK(journal.list().empty());
    CHECK_THROWS(journal.load("../etc/passwd"));
}

TEST_CASE("a journal folder that cannot be made is a local file error naming it") {
    TempDir dir;
    std::ofstream(dir.path / "not-a-folder") << "x";
    Journal journal(dir.path / "not-a-folder" / "journal");
    JournalEntry entry;
    entry.job_id = "20260101T000000-00000001";
    try {
        journal.save(entry);
        FAIL("the save succeeded");
    } catch (const LocalFileError& error) {
        CHECK(error.status() == GENLAYER_INTERNAL);
        CHECK_THAT(error.what(),
                   Catch::StartsWith("Could not write " + (dir.path / "not-a-folder" / "journal").string() +
                                     ": a part of the path is not a folder;") &&
                       Catch::EndsWith("then run the command again."));
    }
}
