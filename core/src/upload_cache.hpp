// Identical reference bytes are uploaded once: a small file maps the SHA-256
// of what was uploaded to the URL the gateway gave it, for a limited time
// (the gateway does not document how long an upload URL lives, so entries
// expire after an hour by default).
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <span>
#include <string>

namespace genlayer {

std::string sha256_hex(std::span<const uint8_t> bytes);

class UploadCache {
public:
    UploadCache(std::filesystem::path file, std::chrono::seconds lifetime = std::chrono::hours(1));

    std::optional<std::string> find(const std::string& digest);
    void store(const std::string& digest, const std::string& url);

private:
    struct Entry {
        std::string url;
        long long uploaded_at = 0;
    };
    void save() const;  // with mutex_ held

    std::filesystem::path file_;
    std::chrono::seconds lifetime_;
    std::mutex mutex_;
    std::map<std::string, Entry> entries_;
};

}  // namespace genlayer
