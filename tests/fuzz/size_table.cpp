// Size strings and size tables. The input is lines: a size ("WxH", "W:H" or
// auto), a resolution, the source's "W H", then a size table in JSON (may be
// absent). The choice is resolved in both dialects, in the built-in table
// and in the given one.
#include "gateway/size_table.hpp"
#include "fuzz_support.hpp"

#include <charconv>
#include <optional>

using namespace genlayer;

namespace {

std::string_view take_line(std::string_view& rest) {
    const size_t end = rest.find('\n');
    const std::string_view line = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    return line;
}

// "W H" as a source region's size; 0 for anything unreadable (no reference).
int take_number(std::string_view& text) {
    const size_t start = text.find_first_not_of(' ');
    if (start == std::string_view::npos) return 0;
    text.remove_prefix(start);
    int value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    text.remove_prefix(size_t(end - text.data()));
    return error == std::errc() && value > 0 ? value : 0;
}

// A resolved size is one the table offers, in the dialect asked for.
bool offered(const SizeTable& table, const SizeSpec& spec) {
    for (const auto& tier : table.tiers(spec.dialect))
        for (const auto& offer : tier.sizes)
            if (tier.name == spec.resolution && offer.size == spec.size) return true;
    return false;
}

void check_resolve(const SizeTable& table, std::string_view size, std::string_view resolution, int width, int height) {
    for (const SizeDialect dialect : {SizeDialect::pixels, SizeDialect::ratio}) {
        try {
            const SizeSpec spec = table.resolve(size, resolution, width, height, dialect);
            fuzz::require(spec.dialect == dialect, "the choice is in the dialect asked for");
            fuzz::require(offered(table, spec), "the choice is a pair the table offers");
            fuzz::require(spec.reference_edge > 0, "the choice has a reference edge");
        } catch (const Error& error) {
            fuzz::require_refusal(error, GENLAYER_INVALID_REQUEST);
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view rest = fuzz::text_of(data, size);
    const std::string_view size_text = take_line(rest);
    const std::string_view resolution_text = take_line(rest);
    std::string_view source = take_line(rest);
    const int width = take_number(source);
    const int height = take_number(source);

    ImageSize parsed;
    if (parse_size(size_text, parsed)) {
        ImageSize again;
        fuzz::require(parsed.width > 0 && parsed.height > 0, "a parsed size is positive");
        fuzz::require(parse_size(parsed.text(), again) && again == parsed, "text() parses back to the same size");
    }

    check_resolve(SizeTable::builtin(), size_text, resolution_text, width, height);
    if (rest.empty()) return 0;
    std::optional<SizeTable> table;
    try {
        table = SizeTable::parse(rest);
    } catch (const Error& error) {
        fuzz::require_refusal(error, GENLAYER_INTERNAL);
        return 0;
    }
    for (const SizeDialect dialect : {SizeDialect::pixels, SizeDialect::ratio}) {
        fuzz::require(!table->tiers(dialect).empty(), "a parsed table has tiers in both dialects");
        for (const auto& tier : table->tiers(dialect))
            fuzz::require(tier.long_edge > 0 && !tier.sizes.empty(), "every tier has a long edge and sizes");
    }
    check_resolve(*table, size_text, resolution_text, width, height);
    return 0;
}
