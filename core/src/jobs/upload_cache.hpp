// Identical reference bytes are uploaded once: a small file maps the SHA-256
// of what was uploaded to the URL the gateway gave it, for a limited time
// (the gateway does not document how long an upload URL lives, so entries
// expire after an hour by default).
#pragma once

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>

namespace genlayer {

class UploadCache {
public:
    UploadCache(std::filesystem::path file, std::chrono::seconds lifetime = std::chrono::hours(1));

    // The URL for `digest`: the cached one, or the one `upload` returns,
    // stored. Jobs that ask for the same digest at once wait for the first
    // one's upload instead of sending the same bytes again; if it throws,
    // the next of them uploads.
    std::string url_for(const std::string& digest, const std::function<std::string()>& upload);
    // The gateway refused `refused_url`, which this cache handed out for
    // `digest`: drops it, then as url_for (so the bytes go up again, unless
    // another job has already replaced the entry).
    std::string replace(const std::string& digest, const std::string& refused_url,
                        const std::function<std::string()>& upload);

private:
    struct Entry {
        std::string url;
        long long uploaded_at = 0;
    };
    std::optional<std::string> fresh_url(const std::string& digest) const;  // with mutex_ held
    void store(const std::string& digest, const std::string& url);
    void save() const;  // with mutex_ held

    std::filesystem::path file_;
    std::chrono::seconds lifetime_;
    std::mutex mutex_;
    std::condition_variable upload_finished_;
    std::map<std::string, Entry> entries_;
    std::set<std::string> uploading_;  // digests some job is uploading now
};

}  // namespace genlayer
