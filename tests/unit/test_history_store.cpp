#include "history/history_store.hpp"

#include "base/sha256.hpp"
#include "history/history_search.hpp"
#include "image/image_codec.hpp"
#include "status_of.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>

using namespace genlayer;
using genlayer::test::status_of;
using genlayer::test::TempDir;
namespace fs = std::filesystem;

namespace {

constexpr uint64_t kUnlimited = uint64_t(1) << 40;

RgbaImage gradient(uint32_t w, uint32_t h) {
    RgbaImage image(w, h);
    for (uint32_t y = 0; y < h; ++y)
        for (uint32_t x = 0; x < w; ++x) {
            uint8_t* p = image.row(y) + x * 4;
            p[0] = uint8_t(x);
            p[1] = uint8_t(y);
            p[2] = uint8_t(x ^ y);
            p[3] = 255;
        }
    return image;
}

// Bytes that stand for a download; the store keeps them as they are.
std::vector<uint8_t> payload(const std::string& text, size_t size = 0) {
    std::vector<uint8_t> bytes(text.begin(), text.end());
    if (bytes.size() < size) bytes.resize(size, uint8_t('.'));
    return bytes;
}

HistoryRecord record_at(long long created_at, const std::string& prompt = "a lighthouse") {
    HistoryRecord record;
    record.prompt = prompt;
    record.model = "gpt-image-2";
    record.size = "1024x1024";
    record.resolution = "1024";
    record.size_dialect = "pixels";
    record.task_id = "task_img_" + std::to_string(created_at);
    record.created_at = created_at;
    record.created_ms = created_at * 1000;
    record.cost_usd = 0.015;
    record.target = {{"outputs", {"out.png"}}};
    return record;
}

std::string read_all(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

std::vector<std::string> ids_of(const std::vector<HistoryEntry>& entries) {
    std::vector<std::string> ids;
    for (const auto& entry : entries) ids.push_back(entry.id);
    return ids;
}

const RgbaImage kSmall = gradient(8, 6);

}  // namespace

TEST_CASE("history: an entry keeps the bytes as received, a thumbnail and its metadata", "[history]") {
    TempDir dir;
    HistoryStore store(dir.path / "history", kUnlimited);
    const auto pixels = gradient(600, 300);
    const auto png = encode_png(view_of(pixels), kFastPngCompression).bytes;
    const auto saved = store.save(png, view_of(pixels), record_at(100));

    CHECK(saved.sha256 == sha256_hex(png));
    CHECK(saved.id == saved.sha256.substr(0, 16));
    CHECK(saved.width == 600);
    CHECK(saved.height == 300);
    CHECK(saved.image_file == "image.png");
    const auto bytes = read_all(store.image_path(saved));
    CHECK(std::vector<uint8_t>(bytes.begin(), bytes.end()) == png);
    const auto thumbnail = read_image_file(store.thumbnail_path(saved).string());
    CHECK(thumbnail.width == 256);
    CHECK(thumbnail.height == 128);

    const auto listed = store.list();
    REQUIRE(listed.size() == 1);
    CHECK(to_json(listed[0]) == to_json(saved));
    CHECK(listed[0].record.prompt == "a lighthouse");
    CHECK(listed[0].record.size_dialect == "pixels");
    CHECK(listed[0].record.target == nlohmann::json{{"outputs", {"out.png"}}});

    // The same bytes again (a second collect of one task) make no second entry.
    store.save(png, view_of(pixels), record_at(200));
    CHECK(store.list().size() == 1);
    CHECK(store.list()[0].record.created_at == 100);
}

TEST_CASE("history: writes are atomic and private, a killed save leaves nothing listed", "[history]") {
    TempDir dir;
    const auto root = dir.path / "history";
    HistoryStore store(root, kUnlimited);
    const auto saved = store.save(payload("first"), view_of(kSmall), record_at(1));
    for (const auto& file : fs::recursive_directory_iterator(root)) {
        const auto name = file.path().filename().string();
        CHECK(name.find(".tmp") == std::string::npos);  // no temporary left behind
        CHECK(name.rfind(".incoming-", 0) == std::string::npos);
        if (!file.is_regular_file()) continue;
        struct stat info {};
        REQUIRE(::stat(file.path().c_str(), &info) == 0);
        CHECK((info.st_mode & 0777) == 0600);
    }

    // What a kill in the middle of a save leaves: a hidden, half-made folder.
    fs::create_directories(root / ".incoming-0123456789abcdef");
    std::ofstream(root / ".incoming-0123456789abcdef" / "image.png") << "half";
    CHECK(ids_of(store.list()) == std::vector<std::string>{saved.id});
    CHECK(store.prune() == 0);
    CHECK_FALSE(fs::exists(root / ".incoming-0123456789abcdef"));
    CHECK(ids_of(store.list()) == std::vector<std::string>{saved.id});
}

TEST_CASE("history: the oldest entries are evicted past the limit, never the one just saved", "[history]") {
    TempDir dir;
    const auto probe = HistoryStore(dir.path / "probe", kUnlimited).save(payload("p", 1000), view_of(kSmall), {});
    const uint64_t per_entry = probe.disk_bytes;  // the same for every 1000-byte payload below
    HistoryStore store(dir.path / "history", 3 * per_entry);

    const auto a = store.save(payload("a", 1000), view_of(kSmall), record_at(1));
    const auto b = store.save(payload("b", 1000), view_of(kSmall), record_at(2));
    const auto c = store.save(payload("c", 1000), view_of(kSmall), record_at(3));
    CHECK(ids_of(store.list()) == std::vector<std::string>{c.id, b.id, a.id});

    const auto d = store.save(payload("d", 1000), view_of(kSmall), record_at(4));
    CHECK(ids_of(store.list()) == std::vector<std::string>{d.id, c.id, b.id});
    CHECK_FALSE(fs::exists(dir.path / "history" / a.id));

    // One image larger than the whole limit stays: it is about to be inserted.
    const auto big = store.save(payload("big", 5000), view_of(kSmall), record_at(5));
    CHECK(ids_of(store.list()) == std::vector<std::string>{big.id});
    // A second store on the same folder (another process) sees the same.
    CHECK(ids_of(HistoryStore(dir.path / "history", 3 * per_entry).list()) == std::vector<std::string>{big.id});
}

TEST_CASE("history: kept entries are never evicted", "[history]") {
    TempDir dir;
    const auto probe = HistoryStore(dir.path / "probe", kUnlimited).save(payload("p", 1000), view_of(kSmall), {});
    HistoryStore store(dir.path / "history", 2 * probe.disk_bytes);
    const auto a = store.save(payload("a", 1000), view_of(kSmall), record_at(1));
    const auto b = store.save(payload("b", 1000), view_of(kSmall), record_at(2));
    CHECK(store.set_kept(a.id.substr(0, 6), true).kept);

    const auto c = store.save(payload("c", 1000), view_of(kSmall), record_at(3));
    CHECK(ids_of(store.list()) == std::vector<std::string>{c.id, a.id});  // b went, not the older a
    CHECK_FALSE(fs::exists(dir.path / "history" / b.id));
    const auto d = store.save(payload("d", 1000), view_of(kSmall), record_at(4));
    CHECK(ids_of(store.list()) == std::vector<std::string>{d.id, a.id});
    CHECK(store.list()[1].kept);

    // Unkept, it is the oldest: prune evicts it.
    store.set_kept(a.id, false);
    HistoryStore tighter(dir.path / "history", probe.disk_bytes);
    CHECK(tighter.prune() == 1);
    CHECK(ids_of(tighter.list()) == std::vector<std::string>{d.id});
}

TEST_CASE("history: a damaged, stale or missing index is rebuilt from the folder", "[history]") {
    TempDir dir;
    const auto root = dir.path / "history";
    HistoryStore store(root, kUnlimited);
    const auto a = store.save(payload("a"), view_of(kSmall), record_at(1, "first"));
    const auto b = store.save(payload("b"), view_of(kSmall), record_at(2, "second"));
    store.set_kept(a.id, true);
    const std::vector<std::string> expected{b.id, a.id};
    const auto index = root / "index.jsonl";
    const auto good_index = read_all(index);

    SECTION("garbage") { std::ofstream(index, std::ios::trunc) << "{not json\n"; }
    SECTION("a torn last line") {
        std::ofstream(index, std::ios::trunc) << good_index.substr(0, good_index.size() - 9);
    }
    SECTION("a line missing") {
        std::ofstream(index, std::ios::trunc) << good_index.substr(0, good_index.find('\n') + 1);
    }
    SECTION("a folder gone") {
        const auto c = store.save(payload("c"), view_of(kSmall), record_at(3));
        fs::remove_all(root / c.id);
    }
    SECTION("missing") { fs::remove(index); }

    const auto listed = store.list();
    CHECK(ids_of(listed) == expected);
    CHECK(listed[0].record.prompt == "second");
    CHECK(listed[1].kept);  // from the entry's own file
    CHECK(ids_of(store.scan()) == expected);
    // The rebuilt index is whole again, and is what the next listing reads.
    std::ifstream rebuilt(index);
    int lines = 0;
    for (std::string line; std::getline(rebuilt, line); ++lines)
        CHECK(history_entry_from_json(nlohmann::json::parse(line)).has_value());
    CHECK(lines == 2);
}

TEST_CASE("history: entries are found by id or a unique prefix, and forgotten", "[history]") {
    TempDir dir;
    HistoryStore store(dir.path / "history", kUnlimited);
    const auto a = store.save(payload("a"), view_of(kSmall), record_at(1));
    CHECK(store.find(a.id).id == a.id);
    CHECK(store.find(a.id.substr(0, 4)).id == a.id);
    CHECK(status_of([&] { store.find("abc"); }) == GENLAYER_NOT_FOUND);           // too short
    CHECK(status_of([&] { store.find("ffffffffffff"); }) == GENLAYER_NOT_FOUND);  // none
    try {
        store.find("../../etc");
        FAIL("expected a refusal");
    } catch (const Error& error) {
        CHECK_THAT(error.what(), Catch::Contains("No history entry has the id ../../etc"));
    }

    // Two payloads whose ids share their first four digits.
    std::map<std::string, std::string> by_prefix;
    std::string twin_prefix;
    for (int i = 0; twin_prefix.empty(); ++i) {
        const auto text = "twin" + std::to_string(i);
        const auto prefix = sha256_hex(payload(text)).substr(0, 4);
        if (auto it = by_prefix.find(prefix); it != by_prefix.end()) {
            store.save(payload(it->second), view_of(kSmall), record_at(2));
            store.save(payload(text), view_of(kSmall), record_at(3));
            twin_prefix = prefix;
        }
        by_prefix[prefix] = text;
    }
    try {
        store.find(twin_prefix);
        FAIL("expected a refusal");
    } catch (const Error& error) {
        CHECK(error.status() == GENLAYER_NOT_FOUND);
        CHECK_THAT(error.what(), Catch::Contains("matches 2 history entries"));
    }

    store.forget(a.id);
    CHECK_FALSE(fs::exists(dir.path / "history" / a.id));
    CHECK(store.list().size() == 2);
    CHECK(status_of([&] { store.forget(a.id); }) == GENLAYER_NOT_FOUND);
}

TEST_CASE("history: a search keeps the newest entries whose prompt holds the text, any case", "[history]") {
    std::vector<HistoryEntry> entries(4);
    const char* prompts[] = {"Red fox", "harbour", "a red FOX at dusk", "red fox"};
    for (size_t i = 0; i < entries.size(); ++i) {
        entries[i].id = std::to_string(i);
        entries[i].record.prompt = prompts[i];
    }
    CHECK(ids_of(search_history(entries, "", 0)) == std::vector<std::string>{"0", "1", "2", "3"});
    CHECK(ids_of(search_history(entries, "red fox", 0)) == std::vector<std::string>{"0", "2", "3"});
    CHECK(ids_of(search_history(entries, "RED FOX", 2)) == std::vector<std::string>{"0", "2"});
    CHECK(search_history(entries, "lighthouse", 0).empty());
}

TEST_CASE("history: two saves within one second list newest first by their milliseconds", "[history]") {
    TempDir dir;
    HistoryStore store(dir.path / "history", kUnlimited);
    auto older = record_at(50, "first in the second");
    auto newer = record_at(50, "last in the second");
    older.created_ms = 50'001;
    newer.created_ms = 50'999;
    older.task_id = "task_img_a";  // by the second and the task id alone it would list first
    newer.task_id = "task_img_z";
    store.save(payload("newer"), view_of(kSmall), newer);
    store.save(payload("older"), view_of(kSmall), older);

    const auto listed = store.list();
    REQUIRE(listed.size() == 2);
    CHECK(listed[0].record.prompt == "last in the second");
    CHECK(listed[1].record.prompt == "first in the second");
}
