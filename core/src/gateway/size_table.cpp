#include "gateway/size_table.hpp"

#include "base/status.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace genlayer {
namespace {

constexpr const char* kBuiltinSizesJson =
#include "size_table_data.inc"
    ;

bool parse_positive_int(std::string_view text, int& out) {
    if (text.empty()) return false;
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, out);
    return ec == std::errc() && ptr == end && out > 0;
}

bool is_auto(std::string_view choice) { return choice.empty() || choice == "auto"; }

// The user's choice as a sentence quotes it (" 1000x1000"): only when it is
// short and printable, so that the sentence stays one short line.
std::string quoted_choice(std::string_view choice) {
    constexpr size_t kMaxQuotedChoice = 32;
    const bool printable = std::all_of(choice.begin(), choice.end(), [](char c) {
        return static_cast<unsigned char>(c) >= 0x20 && c != 0x7f;
    });
    return printable && choice.size() <= kMaxQuotedChoice ? " " + std::string(choice) : std::string();
}

std::string join_sizes(const std::vector<ImageSize>& sizes) {
    std::string joined;
    for (const ImageSize& size : sizes) {
        if (!joined.empty()) joined += ", ";
        joined += size.text();
    }
    return joined;
}

// Aspect ratios compare in log space so that 2:1 and 1:2 are equally far from 1:1.
double log_aspect(int width, int height) { return std::log(double(width) / double(height)); }

ImageSize closest_aspect(const SizeTier& tier, int source_w, int source_h) {
    const double wanted = (source_w > 0 && source_h > 0) ? log_aspect(source_w, source_h) : 0.0;
    const auto distance = [wanted](const ImageSize& size) {
        return std::abs(log_aspect(size.width, size.height) - wanted);
    };
    return *std::min_element(tier.sizes.begin(), tier.sizes.end(),
                             [&](const ImageSize& a, const ImageSize& b) { return distance(a) < distance(b); });
}

}  // namespace

std::string ImageSize::text() const { return std::to_string(width) + "x" + std::to_string(height); }

bool parse_size(std::string_view text, ImageSize& out) {
    const size_t x = text.find('x');
    if (x == std::string_view::npos) return false;
    ImageSize parsed;
    if (!parse_positive_int(text.substr(0, x), parsed.width) ||
        !parse_positive_int(text.substr(x + 1), parsed.height))
        return false;
    out = parsed;
    return true;
}

const SizeTable& SizeTable::builtin() {
    static const SizeTable table = parse(kBuiltinSizesJson);
    return table;
}

SizeTable SizeTable::parse(std::string_view json) {
    const auto malformed = [](const std::string& why) {
        return Error(GENLAYER_INTERNAL, "The size table is malformed (" + why + "); fix core/data/sizes.json and rebuild.");
    };
    const nlohmann::json document = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
    if (!document.is_object() || !document.contains("tiers") || !document["tiers"].is_object())
        throw malformed("no \"tiers\" object");

    SizeTable table;
    for (const auto& [key, sizes] : document["tiers"].items()) {
        SizeTier tier;
        if (!parse_positive_int(key, tier.resolution)) throw malformed("tier" + quoted_choice(key) + " is not a number");
        if (!sizes.is_array() || sizes.empty()) throw malformed("tier " + key + " has no sizes");
        for (const auto& entry : sizes) {
            ImageSize size;
            if (!entry.is_string() || !parse_size(entry.get<std::string>(), size))
                throw malformed("tier " + key + " holds an entry that is not WxH");
            tier.sizes.push_back(size);
        }
        table.tiers_.push_back(std::move(tier));
    }
    if (table.tiers_.empty()) throw malformed("no tiers");
    std::sort(table.tiers_.begin(), table.tiers_.end(),
              [](const SizeTier& a, const SizeTier& b) { return a.resolution < b.resolution; });
    return table;
}

bool SizeTable::is_valid_pair(const ImageSize& size, int resolution) const {
    const int tier = resolution_of(size);
    return tier != 0 && tier == resolution;
}

int SizeTable::resolution_of(const ImageSize& size) const {
    for (const SizeTier& tier : tiers_)
        if (std::find(tier.sizes.begin(), tier.sizes.end(), size) != tier.sizes.end()) return tier.resolution;
    return 0;
}

SizeTable::Choice SizeTable::resolve(std::string_view size_text, std::string_view resolution_text,
                                     int source_w, int source_h) const {
    const SizeTier* tier = nullptr;
    if (!is_auto(resolution_text)) {
        int resolution = 0;
        if (!parse_positive_int(resolution_text, resolution)) resolution = 0;
        const auto found = std::find_if(tiers_.begin(), tiers_.end(),
                                        [resolution](const SizeTier& t) { return t.resolution == resolution; });
        if (found == tiers_.end()) {
            std::string choices;
            for (const SizeTier& t : tiers_) choices += ", " + std::to_string(t.resolution);
            throw Error(GENLAYER_INVALID_REQUEST, "Resolution" + quoted_choice(resolution_text) +
                                                      " is not offered; choose auto or one of" + choices.substr(1) + ".");
        }
        tier = &*found;
    }

    if (!is_auto(size_text)) {
        ImageSize size;
        const int size_tier = parse_size(size_text, size) ? resolution_of(size) : 0;
        if (size_tier == 0) {
            std::vector<ImageSize> all;
            for (const SizeTier& t : tiers_) all.insert(all.end(), t.sizes.begin(), t.sizes.end());
            throw Error(GENLAYER_INVALID_REQUEST, "Size" + quoted_choice(size_text) +
                                                      " is not offered; choose auto or one of " + join_sizes(all) + ".");
        }
        if (tier && tier->resolution != size_tier)
            throw Error(GENLAYER_INVALID_REQUEST,
                        "Size " + size.text() + " does not match resolution " + std::to_string(tier->resolution) +
                            "; at that resolution choose auto or one of " + join_sizes(tier->sizes) +
                            ", or set resolution " + std::to_string(size_tier) + " or auto.");
        return {size, size_tier};
    }

    if (!tier) {
        // The smallest tier that holds the source's long edge; the largest if none does.
        const int long_edge = std::max(source_w, source_h);
        const auto sufficient = std::find_if(tiers_.begin(), tiers_.end(),
                                             [long_edge](const SizeTier& t) { return t.resolution >= long_edge; });
        tier = sufficient != tiers_.end() ? &*sufficient : &tiers_.back();
    }
    return {closest_aspect(*tier, source_w, source_h), tier->resolution};
}

}  // namespace genlayer
