#include "jobs/journal.hpp"

#include "base/atomic_file.hpp"
#include "base/local_file_error.hpp"
#include "base/status.hpp"
#include "gateway/json_fields.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <random>

namespace genlayer {
namespace fs = std::filesystem;

namespace {

constexpr std::pair<JobStage, const char*> kStageNames[] = {
    {JobStage::submitting, "submitting"}, {JobStage::outcome_unknown, "outcome_unknown"},
    {JobStage::submitted, "submitted"},   {JobStage::completed, "completed"},
    {JobStage::collected, "collected"},   {JobStage::failed, "failed"},
};

JobStage stage_from_string(const std::string& name) {
    for (auto [stage, text] : kStageNames)
        if (name == text) return stage;
    throw std::runtime_error("unknown stage " + name);
}

nlohmann::json to_json(const JournalEntry& e) {
    return {{"job_id", e.job_id},
            {"stage", to_string(e.stage)},
            {"created_at", e.created_at},
            {"updated_at", e.updated_at},
            {"request", e.request},
            {"size_dialect", e.size_dialect},
            {"task_id", e.task_id},
            {"expires_at", e.expires_at},
            {"result_urls", e.result_urls},
            {"target", e.target},
            {"error", e.error}};
}

JournalEntry from_json(const nlohmann::json& j) {
    JournalEntry e;
    e.job_id = j.at("job_id").get<std::string>();
    e.stage = stage_from_string(j.at("stage").get<std::string>());
    // Times through json_number_field: nlohmann's own cast of a number
    // beyond long long's range (1e300) is undefined.
    e.created_at = json_number_field(j, "created_at");
    e.updated_at = json_number_field(j, "updated_at");
    e.request = j.value("request", nlohmann::json::object());
    e.size_dialect = j.value("size_dialect", "");
    e.task_id = j.value("task_id", "");
    e.expires_at = json_number_field(j, "expires_at");
    e.result_urls = j.value("result_urls", std::vector<std::string>{});
    e.target = j.value("target", nlohmann::json::object());
    e.error = j.value("error", "");
    return e;
}

bool valid_job_id(const std::string& id) {
    return !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
    });
}

}  // namespace

const char* to_string(JobStage stage) {
    for (auto [s, text] : kStageNames)
        if (s == stage) return text;
    return "unknown";
}

long long unix_now() { return unix_now_ms() / 1000; }

long long unix_now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

bool JournalEntry::collectable(long long now) const {
    const bool waiting = stage == JobStage::submitted || stage == JobStage::completed;
    return waiting && !task_id.empty() && (expires_at == 0 || expires_at > now);
}

Journal::Journal(fs::path dir) : dir_(std::move(dir)) {}

fs::path Journal::file_of(const std::string& job_id) const {
    if (!valid_job_id(job_id)) throw Error(GENLAYER_INVALID_REQUEST, "\"" + job_id + "\" is not a job id.");
    return dir_ / (job_id + ".json");
}

void Journal::save(JournalEntry& entry) const {
    entry.updated_at = unix_now();
    std::error_code error;
    fs::create_directories(dir_, error);
    if (error) throw LocalFileError(dir_, error.value());
    fs::permissions(dir_, fs::perms::owner_all, fs::perm_options::replace, error);
    write_file_atomically(file_of(entry.job_id), to_json(entry).dump(1) + "\n", 0600);
}

std::optional<JournalEntry> Journal::load(const std::string& job_id) const {
    std::ifstream in(file_of(job_id));
    if (!in) return std::nullopt;
    try {
        JournalEntry entry = from_json(nlohmann::json::parse(in));
        // A file that names another job is not this job's entry: saving or
        // pruning it would touch that other job's file.
        if (entry.job_id != job_id) return std::nullopt;
        return entry;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

std::optional<JournalEntry> Journal::find_task(const std::string& task_id) const {
    for (auto& entry : list())
        if (entry.task_id == task_id) return entry;
    return std::nullopt;
}

std::vector<JournalEntry> Journal::list() const {
    std::vector<JournalEntry> entries;
    std::error_code error;
    for (const auto& file : fs::directory_iterator(dir_, error)) {
        if (file.path().extension() != ".json") continue;
        if (auto entry = load(file.path().stem().string())) entries.push_back(std::move(*entry));
    }
    std::sort(entries.begin(), entries.end(),
              [](const JournalEntry& a, const JournalEntry& b) { return a.job_id < b.job_id; });
    return entries;
}

void Journal::remove(const std::string& job_id) const {
    std::error_code ignored;
    fs::remove(file_of(job_id), ignored);
}

std::string Journal::new_job_id() {
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%S", &utc);
    static thread_local std::mt19937_64 rng{std::random_device{}()};
    char suffix[20];
    std::snprintf(suffix, sizeof suffix, "%08llx", static_cast<unsigned long long>(rng() & 0xffffffffULL));
    return std::string(stamp) + "-" + suffix;
}

}  // namespace genlayer
