#include "history/history_store.hpp"

#include "base/atomic_file.hpp"
#include "base/file_lock.hpp"
#include "base/local_file_error.hpp"
#include "base/sha256.hpp"
#include "base/status.hpp"
#include "image/image_codec.hpp"
#include "image/image_format.hpp"
#include "image/reference_image.hpp"

#include <fcntl.h>
#include <unistd.h>
#include <algorithm>
#include <cerrno>
#include <fstream>
#include <iterator>
#include <sstream>

namespace genlayer {
namespace fs = std::filesystem;

namespace {

constexpr size_t kShortestPrefix = 4;
constexpr const char* kIncomingPrefix = ".incoming-";
constexpr const char* kEntryFile = "entry.json";
constexpr const char* kThumbnailFile = "thumbnail.png";

std::string image_file_name(std::span<const uint8_t> bytes) {
    switch (sniff_image_format(bytes)) {
        case ImageFormat::jpeg: return "image.jpg";
        case ImageFormat::webp: return "image.webp";
        case ImageFormat::gif: return "image.gif";
        case ImageFormat::png:
        case ImageFormat::other: break;
    }
    return "image.png";
}

std::string as_text(std::span<const uint8_t> bytes) { return {bytes.begin(), bytes.end()}; }

std::optional<std::string> read_text(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return std::nullopt;
    return std::string(std::istreambuf_iterator<char>(in), {});
}

std::optional<HistoryEntry> read_entry_file(const fs::path& file) {
    const auto text = read_text(file);
    if (!text) return std::nullopt;
    const auto json = nlohmann::json::parse(*text, nullptr, false);
    return json.is_discarded() ? std::nullopt : history_entry_from_json(json);
}

void newest_first(std::vector<HistoryEntry>& entries) {
    std::sort(entries.begin(), entries.end(), [](const HistoryEntry& a, const HistoryEntry& b) {
        if (a.record.created_ms != b.record.created_ms) return a.record.created_ms > b.record.created_ms;
        if (a.record.task_id != b.record.task_id) return a.record.task_id < b.record.task_id;
        if (a.record.index != b.record.index) return a.record.index < b.record.index;
        return a.id < b.id;
    });
}

// The ids of the entry folders, sorted; hidden names (the index, the lock,
// half-made entries) are not entries.
std::vector<std::string> folder_ids(const fs::path& dir) {
    std::vector<std::string> ids;
    std::error_code error;
    for (fs::directory_iterator it(dir, error), end; !error && it != end; it.increment(error))
        if (auto name = it->path().filename().string(); is_history_id(name)) ids.push_back(std::move(name));
    std::sort(ids.begin(), ids.end());
    return ids;
}

// The index's entries when it names exactly the folder's entries.
std::optional<std::vector<HistoryEntry>> read_index(const fs::path& file, const std::vector<std::string>& ids) {
    const auto text = read_text(file);
    if (!text) return std::nullopt;
    std::vector<HistoryEntry> entries;
    entries.reserve(ids.size());
    std::istringstream lines(*text);
    for (std::string line; std::getline(lines, line);) {
        auto entry = history_entry_from_json(nlohmann::json::parse(line, nullptr, false));
        if (!entry) return std::nullopt;  // a torn append or a damaged file
        entries.push_back(std::move(*entry));
    }
    if (!text->empty() && text->back() != '\n') return std::nullopt;
    std::vector<std::string> indexed;
    indexed.reserve(entries.size());
    for (const auto& entry : entries) indexed.push_back(entry.id);
    std::sort(indexed.begin(), indexed.end());
    if (indexed != ids) return std::nullopt;
    return entries;
}

uint64_t total_bytes(const std::vector<HistoryEntry>& entries) {
    uint64_t total = 0;
    for (const auto& entry : entries) total += entry.disk_bytes;
    return total;
}

}  // namespace

HistoryStore::HistoryStore(fs::path dir, uint64_t max_bytes) : dir_(std::move(dir)), max_bytes_(max_bytes) {}

fs::path HistoryStore::image_path(const HistoryEntry& entry) const { return folder_of(entry.id) / entry.image_file; }

fs::path HistoryStore::thumbnail_path(const HistoryEntry& entry) const { return folder_of(entry.id) / kThumbnailFile; }

nlohmann::json HistoryStore::describe(const HistoryEntry& entry) const {
    auto json = to_json(entry);
    json["path"] = image_path(entry).string();
    json["thumbnail"] = thumbnail_path(entry).string();
    return json;
}

void HistoryStore::make_dir() const {
    std::error_code error;
    fs::create_directories(dir_, error);
    if (error) throw LocalFileError(dir_, error.value());
}

HistoryEntry HistoryStore::save(std::span<const uint8_t> bytes, const RgbaView& pixels, const HistoryRecord& record) {
    make_dir();
    const FileLock lock(lock_file());
    HistoryEntry entry;
    entry.sha256 = sha256_hex(bytes);
    entry.id = entry.sha256.substr(0, kHistoryIdDigits);
    std::error_code error;
    if (fs::exists(folder_of(entry.id), error)) {
        if (auto known = read_entry_file(folder_of(entry.id) / kEntryFile)) return *known;
        std::error_code ignored;
        fs::remove_all(folder_of(entry.id), ignored);  // a damaged entry: made again below
    }
    entry.record = record;
    entry.width = pixels.width;
    entry.height = pixels.height;
    entry.image_file = image_file_name(bytes);

    const auto thumbnail = encode_png(view_of(downscale_to_fit(pixels, kHistoryThumbnailEdge)), kClientPngCompression);
    // The lock is held, so no other save uses this name now; a killed one
    // may have left it, half made.
    const auto incoming = dir_ / (kIncomingPrefix + entry.id);
    fs::remove_all(incoming, error);
    if (!fs::create_directory(incoming, error) || error) throw LocalFileError(incoming, error.value());
    write_file_atomically(incoming / entry.image_file, as_text(bytes), 0600);
    write_file_atomically(incoming / kThumbnailFile, as_text(thumbnail.bytes), 0600);
    entry.disk_bytes = bytes.size() + thumbnail.bytes.size();
    write_file_atomically(incoming / kEntryFile, to_json(entry).dump() + "\n", 0600);
    rename_into_place(incoming, folder_of(entry.id));
    append_to_index(entry);

    if (!known_) {
        known_bytes_ = total_bytes(list_locked());  // now holds this entry
        known_ = true;
    } else {
        known_bytes_ += entry.disk_bytes;
    }
    if (known_bytes_ > max_bytes_) evict(list_locked(), entry.id);
    return entry;
}

void HistoryStore::append_to_index(const HistoryEntry& entry) const {
    const std::string line = to_json(entry).dump() + "\n";
    const int fd = ::open(index_file().c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) throw LocalFileError(index_file(), errno);
    // One write: a kill tears at most this line, which the next listing sees.
    const ssize_t written = ::write(fd, line.data(), line.size());
    const int error_number = errno;
    const bool synced = written == ssize_t(line.size()) && ::fsync(fd) == 0;
    ::close(fd);
    if (!synced) throw LocalFileError(index_file(), written < 0 ? error_number : ENOSPC);
}

void HistoryStore::write_index(const std::vector<HistoryEntry>& entries) const {
    std::string text;
    for (const auto& entry : entries) text += to_json(entry).dump() + "\n";
    write_file_atomically(index_file(), text, 0600);
}

std::vector<HistoryEntry> HistoryStore::list() const {
    std::error_code error;
    if (!fs::exists(dir_, error)) return {};
    if (auto entries = read_index(index_file(), folder_ids(dir_))) {
        newest_first(*entries);
        return std::move(*entries);
    }
    // Perhaps a save is half way; under the lock the index is whole or rebuilt.
    const FileLock lock(lock_file());
    return list_locked();
}

std::vector<HistoryEntry> HistoryStore::list_locked() const {
    const auto ids = folder_ids(dir_);
    auto entries = read_index(index_file(), ids);
    if (!entries) {
        entries = scan();
        try {
            write_index(*entries);
        } catch (const LocalFileError&) {
            // A history on a read-only disk still lists, from the scan.
        }
    }
    newest_first(*entries);
    known_bytes_ = total_bytes(*entries);
    known_ = true;
    return std::move(*entries);
}

std::vector<HistoryEntry> HistoryStore::scan() const {
    std::vector<HistoryEntry> entries;
    for (const auto& id : folder_ids(dir_)) {
        auto entry = read_entry_file(folder_of(id) / kEntryFile);
        if (entry && entry->id == id) entries.push_back(std::move(*entry));
    }
    newest_first(entries);
    return entries;
}

HistoryEntry HistoryStore::find(const std::string& id) const {
    const auto refuse = [&](const std::string& why) { return Error(GENLAYER_NOT_FOUND, why); };
    if (id.size() < kShortestPrefix)
        throw refuse("\"" + id + "\" is too short to name a history entry; give at least " +
                     std::to_string(kShortestPrefix) + " digits of an id that `genlayer history` lists.");
    std::vector<HistoryEntry> matches;
    for (auto& entry : list())
        if (entry.id.compare(0, id.size(), id) == 0) matches.push_back(std::move(entry));
    if (matches.empty())
        throw refuse("No history entry has the id " + id + "; `genlayer history` lists the ids there are.");
    if (matches.size() > 1)
        throw refuse("The id " + id + " matches " + std::to_string(matches.size()) +
                     " history entries; give more of its digits.");
    return std::move(matches.front());
}

HistoryEntry HistoryStore::set_kept(const std::string& id, bool kept) {
    auto entry = find(id);
    const FileLock lock(lock_file());
    auto entries = list_locked();
    for (auto& known : entries) {
        if (known.id != entry.id) continue;
        known.kept = kept;
        // The entry's own file first: it is what a rebuilt index is made from.
        write_file_atomically(folder_of(known.id) / kEntryFile, to_json(known).dump() + "\n", 0600);
        write_index(entries);
        return known;
    }
    return find(id);  // forgotten meanwhile: find() says so
}

void HistoryStore::forget(const std::string& id) {
    const auto entry = find(id);
    const FileLock lock(lock_file());
    auto entries = list_locked();
    std::erase_if(entries, [&](const HistoryEntry& known) { return known.id == entry.id; });
    write_index(entries);
    std::error_code error;
    fs::remove_all(folder_of(entry.id), error);
    if (error) throw LocalFileError(folder_of(entry.id), error.value());
}

int HistoryStore::prune() {
    std::error_code error;
    if (!fs::exists(dir_, error)) return 0;
    const FileLock lock(lock_file());
    // The lock is held, so no save is under way: every incoming folder is a leftover.
    for (fs::directory_iterator it(dir_, error), end; !error && it != end; it.increment(error))
        if (it->path().filename().string().rfind(kIncomingPrefix, 0) == 0) {
            std::error_code ignored;
            fs::remove_all(it->path(), ignored);  // gone now or at the next prune
        }
    return evict(list_locked(), "");
}

int HistoryStore::evict(std::vector<HistoryEntry> entries, const std::string& spare) const {
    uint64_t total = total_bytes(entries);
    std::vector<std::string> evicted;
    // entries is newest first: walk from the oldest end.
    for (auto it = entries.rbegin(); it != entries.rend() && total > max_bytes_; ++it) {
        if (it->kept || it->id == spare) continue;
        total -= it->disk_bytes;
        evicted.push_back(it->id);
    }
    if (evicted.empty()) return 0;
    std::erase_if(entries, [&](const HistoryEntry& entry) {
        return std::find(evicted.begin(), evicted.end(), entry.id) != evicted.end();
    });
    // The index first: a kill before the folders go leaves them for the next rebuild to find.
    write_index(entries);
    for (const auto& id : evicted) {
        std::error_code ignored;
        fs::remove_all(folder_of(id), ignored);  // one left behind comes back at the next rebuild
    }
    known_bytes_ = total;
    return int(evicted.size());
}

}  // namespace genlayer
