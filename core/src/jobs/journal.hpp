// The job journal: one small JSON file per job, written before the submit and
// after every step, so a result that was paid for can be collected after a
// crash, a cancel or a kill. It never holds the API key.
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace genlayer {

enum class JobStage {
    submitting,       // written just before the submit: the task may exist
    outcome_unknown,  // the submit's answer was lost; never submitted again
    submitted,        // the task exists on the server
    completed,        // the images are ready on the server
    collected,        // the host has the images
    failed,           // final failure; nothing to collect
};

const char* to_string(JobStage stage);

struct JournalEntry {
    std::string job_id;
    JobStage stage = JobStage::submitting;
    long long created_at = 0;  // unix seconds
    long long updated_at = 0;
    nlohmann::json request = nlohmann::json::object();  // the submit body: prompt, model, size, …
    std::string size_dialect;                           // "pixels" or "ratio": how request's size is spelled
    std::string task_id;
    long long expires_at = 0;  // when the result URLs stop working, 0 if unknown
    std::vector<std::string> result_urls;
    nlohmann::json target = nlohmann::json::object();  // where the host wants the images
    std::string error;                                 // the sentence of a failure

    // Submitted but not yet collected, and not known to be expired at `now`.
    bool collectable(long long now) const;
};

class Journal {
public:
    explicit Journal(std::filesystem::path dir);

    const std::filesystem::path& dir() const { return dir_; }

    // Writes the entry atomically (mode 0600), stamping updated_at.
    void save(JournalEntry& entry) const;
    std::optional<JournalEntry> load(const std::string& job_id) const;
    std::optional<JournalEntry> find_task(const std::string& task_id) const;
    // Every readable entry, oldest first; unreadable files are skipped.
    std::vector<JournalEntry> list() const;
    void remove(const std::string& job_id) const;

    // A fresh id that sorts by creation time: "20261124T140102-1a2b3c4d".
    static std::string new_job_id();

private:
    std::filesystem::path file_of(const std::string& job_id) const;
    std::filesystem::path dir_;
};

long long unix_now();
long long unix_now_ms();

}  // namespace genlayer
