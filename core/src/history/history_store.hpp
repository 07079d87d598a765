// The generation history: every image a job downloaded, kept so that nothing
// paid for needs paying for twice. A folder per entry, named by the SHA-256
// of the image bytes as received:
//
//   <dir>/<id>/image.<png|jpg|webp|gif>   the bytes as the gateway sent them
//   <dir>/<id>/thumbnail.png              256 px on the long edge, made once
//   <dir>/<id>/entry.json                 the metadata (never the key)
//   <dir>/index.jsonl                     one entry a line, for fast listing
//
// An entry is made complete in a hidden folder and renamed into place, so a
// kill at any point leaves either the whole entry or none (and a hidden
// leftover that prune() removes). The index is only a cache of the entries'
// own files: when it is missing, cannot be read or names other entries than
// the folder holds, it is rebuilt from them.
#pragma once

#include "history/history_entry.hpp"
#include "image/rgba_image.hpp"

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

namespace genlayer {

constexpr uint32_t kHistoryThumbnailEdge = 256;

class HistoryStore {
public:
    HistoryStore(std::filesystem::path dir, uint64_t max_bytes);

    const std::filesystem::path& dir() const { return dir_; }

    // Saves `bytes` as received, a thumbnail of `pixels` (their decoded
    // form) and `record`, then evicts the oldest unkept entries while the
    // history is over its limit (never this one). Bytes already saved are
    // not saved twice: their entry is returned as it is. Throws
    // LocalFileError when a file cannot be written.
    HistoryEntry save(std::span<const uint8_t> bytes, const RgbaView& pixels, const HistoryRecord& record);

    // Every entry, newest first, read from the index (rebuilt when damaged).
    std::vector<HistoryEntry> list() const;
    // The same, read from every entry's own file: what the index spares.
    std::vector<HistoryEntry> scan() const;

    // The entry whose id is `id`, or the one id that starts with it. Throws
    // Error(NOT_FOUND) with a sentence when none or several match.
    HistoryEntry find(const std::string& id) const;

    std::filesystem::path image_path(const HistoryEntry& entry) const;
    std::filesystem::path thumbnail_path(const HistoryEntry& entry) const;
    // The entry as a listing shows it: its fields, `path` (the image) and `thumbnail`.
    nlohmann::json describe(const HistoryEntry& entry) const;

    // Kept entries are never evicted. Both throw like find().
    HistoryEntry set_kept(const std::string& id, bool kept);
    void forget(const std::string& id);
    // Evicts down to the limit and removes what killed saves left half
    // made; returns the number of entries evicted.
    int prune();

private:
    std::filesystem::path index_file() const { return dir_ / "index.jsonl"; }
    std::filesystem::path lock_file() const { return dir_ / ".lock"; }
    std::filesystem::path folder_of(const std::string& id) const { return dir_ / id; }
    void make_dir() const;
    // With the lock held: the index if it matches the folder, else rebuilt.
    std::vector<HistoryEntry> list_locked() const;
    void write_index(const std::vector<HistoryEntry>& entries) const;
    void append_to_index(const HistoryEntry& entry) const;
    // With the lock held: removes oldest unkept entries (sparing `spare`) until under the limit.
    int evict(std::vector<HistoryEntry> entries, const std::string& spare) const;

    std::filesystem::path dir_;
    uint64_t max_bytes_;
    // What this store has seen and added since it last read the index, so
    // that a save reads the whole index only when the limit may be reached.
    mutable uint64_t known_bytes_ = 0;
    mutable bool known_ = false;
};

}  // namespace genlayer
