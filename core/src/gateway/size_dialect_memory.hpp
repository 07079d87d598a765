// Which size dialect each gateway (by base URL) was last seen to accept, kept
// in the state folder so that the next job sends it at once.
#pragma once

#include "gateway/size_table.hpp"

#include <filesystem>
#include <optional>
#include <string>

namespace genlayer {

class SizeDialectMemory {
public:
    explicit SizeDialectMemory(std::filesystem::path file);

    // nullopt when nothing is remembered, or the file is missing or damaged.
    std::optional<SizeDialect> recall(const std::string& base_url) const;
    // Written atomically; a failure to write is not an error of the job.
    void remember(const std::string& base_url, SizeDialect dialect) const;

private:
    std::filesystem::path file_;
};

}  // namespace genlayer
