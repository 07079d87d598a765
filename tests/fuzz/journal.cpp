// A journal file as a crash, a full disk or another program may leave it:
// the input is the file of one job, read by load() and list(); what reads
// is saved again and must read back the same.
#include "jobs/journal.hpp"
#include "fuzz_support.hpp"

using namespace genlayer;

namespace {

constexpr const char* kJobId = "20260101T000000-00000001";

bool same_content(const JournalEntry& a, const JournalEntry& b) {
    return a.job_id == b.job_id && a.stage == b.stage && a.created_at == b.created_at && a.request == b.request &&
           a.task_id == b.task_id && a.expires_at == b.expires_at && a.result_urls == b.result_urls &&
           a.target == b.target && a.error == b.error;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const auto dir = fuzz::scratch_dir() / "journal";
    std::filesystem::remove_all(dir);
    fuzz::write_file(dir / (std::string(kJobId) + ".json"), fuzz::text_of(data, size));

    const Journal journal(dir);
    const auto loaded = journal.load(kJobId);
    const auto listed = journal.list();
    fuzz::require(listed.size() == (loaded ? 1u : 0u), "list() reads the file exactly when load() does");
    if (!loaded) return 0;
    fuzz::require(loaded->job_id == kJobId, "an entry is the job its file is named for");
    fuzz::require(same_content(listed.front(), *loaded), "list() and load() read the same entry");
    (void)loaded->collectable(unix_now());

    JournalEntry entry = *loaded;
    journal.save(entry);
    const auto reread = journal.load(kJobId);
    fuzz::require(reread && same_content(*reread, entry), "a saved entry reads back the same");
    return 0;
}
