// A local file or folder that could not be written or made: a full disk, a
// read-only file system, a folder without permission. The C ABI sees
// GENLAYER_INTERNAL ("an unexpected local failure"); the CLI gives it its own
// exit code. The sentence names the path, what stopped it and what to do.
#pragma once

#include "base/status.hpp"

#include <filesystem>
#include <string>
#include <string_view>

namespace genlayer {

class LocalFileError : public Error {
public:
    // `error_number` is the errno of the failed call; `then` ends the
    // sentence after the remedy ("free some space there, then …").
    LocalFileError(std::filesystem::path path, int error_number, std::string_view then = "run the command again");
    // A fault already put into words, carried on (from a job's final state to the CLI).
    explicit LocalFileError(const std::string& sentence) : Error(GENLAYER_INTERNAL, sentence), error_number_(0) {}

    // The same fault, ending with another next step (for one built from a path).
    LocalFileError then(std::string_view next_step) const { return {path_, error_number_, next_step}; }

private:
    std::filesystem::path path_;
    int error_number_;
};

}  // namespace genlayer
