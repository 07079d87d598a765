#include "gateway/size_dialect_memory.hpp"

#include "base/atomic_file.hpp"

#include <nlohmann/json.hpp>

#include <fstream>

namespace genlayer {
namespace {

nlohmann::json read_memory(const std::filesystem::path& file) {
    std::ifstream in(file);
    auto memory = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
    return memory.is_object() ? memory : nlohmann::json::object();
}

}  // namespace

SizeDialectMemory::SizeDialectMemory(std::filesystem::path file) : file_(std::move(file)) {}

std::optional<SizeDialect> SizeDialectMemory::recall(const std::string& base_url) const {
    const auto memory = read_memory(file_);
    const auto entry = memory.find(base_url);
    if (entry == memory.end() || !entry->is_string()) return std::nullopt;
    return parse_size_dialect(entry->get<std::string>());
}

void SizeDialectMemory::remember(const std::string& base_url, SizeDialect dialect) const {
    auto memory = read_memory(file_);
    if (const auto known = memory.find(base_url); known != memory.end() && *known == to_string(dialect)) return;
    memory[base_url] = to_string(dialect);
    try {
        std::filesystem::create_directories(file_.parent_path());
        write_file_atomically(file_, memory.dump(2) + "\n", 0600);
    } catch (const std::exception&) {
        // Only a hint for the next job, which will find the dialect again.
    }
}

}  // namespace genlayer
