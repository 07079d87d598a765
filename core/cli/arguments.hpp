// A small, strict command-line reader: every flag is declared, unknown ones
// are refused with a sentence, values are checked where they are read.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace genlayer::cli {

class Arguments {
public:
    // `flags_with_value` take one value ("--prompt TEXT"); `switches` take none.
    Arguments(int argc, char** argv, int first, const std::vector<std::string>& flags_with_value,
              const std::vector<std::string>& switches);

    std::optional<std::string> value(const std::string& flag) const;  // the last one given
    std::vector<std::string> values(const std::string& flag) const;   // all, in order
    bool has(const std::string& flag) const;
    const std::vector<std::string>& positional() const { return positional_; }

    std::optional<double> number(const std::string& flag) const;
    std::optional<int> integer(const std::string& flag) const;

private:
    std::multimap<std::string, std::string> given_;
    std::vector<std::string> order_;
    std::vector<std::string> positional_;
};

}  // namespace genlayer::cli
