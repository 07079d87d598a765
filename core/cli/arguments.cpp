#include "arguments.hpp"

#include "base/status.hpp"
#include "base/utf8.hpp"

#include <algorithm>

namespace genlayer::cli {
namespace {

bool contains(const std::vector<std::string>& list, const std::string& item) {
    return std::find(list.begin(), list.end(), item) != list.end();
}

[[noreturn]] void usage_error(const std::string& sentence) { throw Error(GENLAYER_INVALID_REQUEST, sentence); }

// What of a plain argument can be shown in a sentence: its UTF-8 start.
std::string abbreviated_valid_prefix(const std::string& arg) {
    const std::string_view text(arg);
    return abbreviated(text.substr(0, first_invalid_utf8(text).value_or(text.size())), 24);
}

}  // namespace

Arguments::Arguments(int argc, char** argv, int first, const std::vector<std::string>& flags_with_value,
                     const std::vector<std::string>& switches) {
    for (int i = first; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg.size() < 2 || arg[0] != '-') {
            require_utf8(arg, "The argument \"" + abbreviated_valid_prefix(arg) + "…\"");
            positional_.push_back(arg);
            continue;
        }
        std::optional<std::string> inline_value;
        if (auto eq = arg.find('='); eq != std::string::npos) {
            inline_value = arg.substr(eq + 1);
            arg.resize(eq);
        }
        if (contains(switches, arg) && !inline_value) {
            given_.emplace(arg, "");
        } else if (contains(flags_with_value, arg)) {
            if (!inline_value && i + 1 >= argc) usage_error("The option " + arg + " needs a value.");
            std::string value = inline_value ? *inline_value : argv[++i];
            require_utf8(value, "The value of " + arg);
            given_.emplace(arg, std::move(value));
        } else {
            require_utf8(arg, "An option");
            usage_error("The option " + arg + " is not known here; run `genlayer --help` for the list.");
        }
    }
}

std::optional<std::string> Arguments::value(const std::string& flag) const {
    auto [begin, end] = given_.equal_range(flag);
    if (begin == end) return std::nullopt;
    return std::prev(end)->second;
}

std::vector<std::string> Arguments::values(const std::string& flag) const {
    std::vector<std::string> all;
    auto [begin, end] = given_.equal_range(flag);
    for (auto it = begin; it != end; ++it) all.push_back(it->second);
    return all;
}

bool Arguments::has(const std::string& flag) const { return given_.count(flag) > 0; }

std::optional<double> Arguments::number(const std::string& flag) const {
    auto text = value(flag);
    if (!text) return std::nullopt;
    try {
        size_t used = 0;
        double parsed = std::stod(*text, &used);
        if (used == text->size() && parsed > 0) return parsed;
    } catch (const std::exception&) {}
    usage_error("The option " + flag + " needs a positive number (got \"" + *text + "\").");
}

std::optional<int> Arguments::integer(const std::string& flag) const {
    auto text = value(flag);
    if (!text) return std::nullopt;
    try {
        size_t used = 0;
        int parsed = std::stoi(*text, &used);
        if (used == text->size()) return parsed;
    } catch (const std::exception&) {}
    usage_error("The option " + flag + " needs a whole number (got \"" + *text + "\").");
}

}  // namespace genlayer::cli
