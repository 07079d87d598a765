#include "jobs/upload_cache.hpp"

#include "base/atomic_file.hpp"
#include "base/local_file_error.hpp"
#include "gateway/json_fields.hpp"
#include "jobs/journal.hpp"

#include <nlohmann/json.hpp>

#include <fstream>

namespace genlayer {

UploadCache::UploadCache(std::filesystem::path file, std::chrono::seconds lifetime)
    : file_(std::move(file)), lifetime_(lifetime) {
    std::ifstream in(file_);
    if (!in) return;
    try {
        const auto json = nlohmann::json::parse(in);
        for (const auto& [digest, entry] : json.items())
            entries_[digest] = {entry.at("url").get<std::string>(), json_number_field(entry, "uploaded_at")};
    } catch (const std::exception&) {
        entries_.clear();  // a damaged cache only costs a few uploads
    }
}

namespace {

// Compared without subtracting the file's time from now, which overflows
// for a time near the range's start.
bool is_stale(long long uploaded_at, long long now, std::chrono::seconds lifetime) {
    return uploaded_at <= now - lifetime.count();
}

}  // namespace

std::optional<std::string> UploadCache::fresh_url(const std::string& digest) const {
    auto it = entries_.find(digest);
    if (it == entries_.end() || is_stale(it->second.uploaded_at, unix_now(), lifetime_)) return std::nullopt;
    return it->second.url;
}

std::string UploadCache::url_for(const std::string& digest, const std::function<std::string()>& upload) {
    {
        std::unique_lock lock(mutex_);
        upload_finished_.wait(lock, [&] { return !uploading_.contains(digest); });
        if (auto url = fresh_url(digest)) return *url;
        uploading_.insert(digest);
    }
    auto finished = [&] {
        std::lock_guard lock(mutex_);
        uploading_.erase(digest);
        upload_finished_.notify_all();
    };
    try {
        std::string url = upload();
        store(digest, url);
        finished();
        return url;
    } catch (...) {
        finished();
        throw;
    }
}

std::string UploadCache::replace(const std::string& digest, const std::string& refused_url,
                                 const std::function<std::string()>& upload) {
    {
        std::unique_lock lock(mutex_);
        upload_finished_.wait(lock, [&] { return !uploading_.contains(digest); });
        if (auto it = entries_.find(digest); it != entries_.end() && it->second.url == refused_url) {
            entries_.erase(it);
            save();
        }
    }
    return url_for(digest, upload);
}

void UploadCache::store(const std::string& digest, const std::string& url) {
    std::lock_guard lock(mutex_);
    const long long now = unix_now();
    std::erase_if(entries_, [&](const auto& item) { return is_stale(item.second.uploaded_at, now, lifetime_); });
    entries_[digest] = {url, now};
    save();
}

void UploadCache::save() const {
    nlohmann::json json = nlohmann::json::object();
    for (const auto& [digest, entry] : entries_)
        json[digest] = {{"url", entry.url}, {"uploaded_at", entry.uploaded_at}};
    std::error_code error;
    std::filesystem::create_directories(file_.parent_path(), error);
    if (error) throw LocalFileError(file_.parent_path(), error.value());
    write_file_atomically(file_, json.dump(1) + "\n", 0600);
}

}  // namespace genlayer
