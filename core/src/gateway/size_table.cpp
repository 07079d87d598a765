#include "gateway/size_table.hpp"

#include "base/status.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

namespace genlayer {
namespace {

constexpr const char* kBuiltinSizesJson =
#include "size_table_data.inc"
    ;

// A WxH and a ratio are the same size when their aspects differ by less than this.
constexpr double kEquivalentAspect = 0.01;

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
    const bool printable = std::all_of(choice.begin(), choice.end(),
                                       [](char c) { return static_cast<unsigned char>(c) >= 0x20 && c != 0x7f; });
    if (!printable || choice.size() > kMaxQuotedChoice) return {};
    std::string quoted(" ");  // not " " + std::string: GCC 12 warns falsely of -Wrestrict there
    return quoted.append(choice);
}

// "WxH" or "W:H" as two positive numbers; which one it was in `dialect`.
bool parse_pair(std::string_view text, int& a, int& b, SizeDialect& dialect) {
    const size_t at = text.find_first_of("x:");
    if (at == std::string_view::npos) return false;
    dialect = text[at] == 'x' ? SizeDialect::pixels : SizeDialect::ratio;
    return parse_positive_int(text.substr(0, at), a) && parse_positive_int(text.substr(at + 1), b);
}

// Aspect ratios compare in log space so that 2:1 and 1:2 are equally far from 1:1.
double log_distance(double a, double b) { return std::abs(std::log(a / b)); }

bool equivalent_aspects(double a, double b) { return std::abs(a / b - 1) < kEquivalentAspect; }

bool same_name(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::toupper(static_cast<unsigned char>(x)) == std::toupper(static_cast<unsigned char>(y));
           });
}

std::string join(const std::vector<std::string>& items, const char* separator = ", ") {
    std::string joined;
    for (const auto& item : items) joined += (joined.empty() ? "" : separator) + item;
    return joined;
}

std::vector<std::string> sizes_of(const SizeTable::Tier& tier) {
    std::vector<std::string> sizes;
    for (const auto& offer : tier.sizes) sizes.push_back(offer.size);
    return sizes;
}

// "auto or one of 1024x1024, 1536x1024, …" (pixels), or per tier (ratio,
// where the same ratio is offered at several tiers).
std::string offered(const std::vector<SizeTable::Tier>& tiers, SizeDialect dialect) {
    if (dialect == SizeDialect::pixels) {
        std::vector<std::string> all;
        for (const auto& tier : tiers)
            for (const auto& size : sizes_of(tier)) all.push_back(size);
        return "auto or one of " + join(all);
    }
    std::vector<std::string> per_tier;
    per_tier.reserve(tiers.size());
    for (const auto& tier : tiers) per_tier.push_back(join(sizes_of(tier)) + " at " + tier.name);
    return "auto or one of " + join(per_tier, "; ");
}

std::vector<std::string> tier_names(const std::vector<const SizeTable::Tier*>& tiers) {
    std::vector<std::string> names;
    names.reserve(tiers.size());
    for (const auto* tier : tiers) names.push_back(tier->name);
    return names;
}

std::vector<std::string> tier_names(const std::vector<SizeTable::Tier>& tiers) {
    std::vector<std::string> names;
    names.reserve(tiers.size());
    for (const auto& tier : tiers) names.push_back(tier.name);
    return names;
}

const char* speaks(SizeDialect dialect) {
    return dialect == SizeDialect::pixels ? "sizes in pixels (WxH)" : "sizes as aspect ratios (W:H)";
}

Error refusal(const std::string& sentence) { return Error(GENLAYER_INVALID_REQUEST, sentence); }

// The smallest tier whose long edge holds the source's; the largest when none does.
const SizeTable::Tier* tier_for_source(const std::vector<const SizeTable::Tier*>& tiers, int source_w, int source_h) {
    const int long_edge = std::max(source_w, source_h);
    for (const auto* tier : tiers)
        if (tier->long_edge >= long_edge) return tier;
    return tiers.back();
}

const SizeTable::Offer& closest(const SizeTable::Tier& tier, double aspect) {
    return *std::min_element(tier.sizes.begin(), tier.sizes.end(), [aspect](const auto& a, const auto& b) {
        return log_distance(a.aspect, aspect) < log_distance(b.aspect, aspect);
    });
}

SizeSpec spec_of(SizeDialect dialect, const SizeTable::Tier& tier, const SizeTable::Offer& offer) {
    int reference_edge = tier.long_edge;
    ImageSize pixels;
    if (dialect == SizeDialect::pixels && parse_size(offer.size, pixels))
        reference_edge = std::max(pixels.width, pixels.height);
    return {dialect, offer.size, tier.name, reference_edge};
}

std::vector<SizeTable::Tier> read_dialect(const nlohmann::json& document, const char* key, SizeDialect dialect,
                                          const nlohmann::json& long_edges, const nlohmann::json& equivalents) {
    const auto malformed = [](const std::string& why) {
        return Error(GENLAYER_INTERNAL,
                     "The size table is malformed (" + why + "); fix core/data/sizes.json and rebuild.");
    };
    if (!document.contains(key) || !document[key].is_object() || document[key].empty())
        throw malformed(std::string("no \"") + key + "\" object");
    std::vector<SizeTable::Tier> tiers;
    for (const auto& [name, sizes] : document[key].items()) {
        SizeTable::Tier tier;
        tier.name = name;
        if (dialect == SizeDialect::pixels) {
            if (!parse_positive_int(name, tier.long_edge))
                throw malformed("tier" + quoted_choice(name) + " is not a number");
        } else if (!long_edges.contains(name) || !long_edges[name].is_number_integer()) {
            throw malformed("ratio tier " + name + " has no long edge");
        } else {
            tier.long_edge = long_edges[name].get<int>();
        }
        if (!sizes.is_array() || sizes.empty()) throw malformed("tier " + name + " has no sizes");
        for (const auto& entry : sizes) {
            int a = 0, b = 0;
            SizeDialect spelled{};
            if (!entry.is_string() || !parse_pair(entry.get<std::string>(), a, b, spelled) || spelled != dialect)
                throw malformed("tier " + name + " holds an entry that is not " +
                                (dialect == SizeDialect::pixels ? "WxH" : "W:H"));
            tier.sizes.push_back({entry.get<std::string>(), double(a) / double(b)});
        }
        tiers.push_back(std::move(tier));
    }
    for (auto& tier : tiers) {
        for (const auto& [ratio_tier, pixel_tiers] : equivalents.items()) {
            if (!pixel_tiers.is_array()) throw malformed("equivalent_tiers." + ratio_tier + " is not a list");
            for (const auto& pixel_tier : pixel_tiers) {
                if (!pixel_tier.is_string()) throw malformed("equivalent_tiers." + ratio_tier + " holds a non-string");
                if (dialect == SizeDialect::ratio && ratio_tier == tier.name)
                    tier.equivalents.push_back(pixel_tier.get<std::string>());
                if (dialect == SizeDialect::pixels && pixel_tier.get<std::string>() == tier.name)
                    tier.equivalents.push_back(ratio_tier);
            }
        }
    }
    std::sort(tiers.begin(), tiers.end(), [](const auto& a, const auto& b) { return a.long_edge < b.long_edge; });
    return tiers;
}

}  // namespace

const char* to_string(SizeDialect dialect) { return dialect == SizeDialect::pixels ? "pixels" : "ratio"; }

std::optional<SizeDialect> parse_size_dialect(std::string_view text) {
    if (text == "pixels") return SizeDialect::pixels;
    if (text == "ratio") return SizeDialect::ratio;
    return std::nullopt;
}

SizeDialect other_dialect(SizeDialect dialect) {
    return dialect == SizeDialect::pixels ? SizeDialect::ratio : SizeDialect::pixels;
}

std::string ImageSize::text() const { return std::to_string(width) + "x" + std::to_string(height); }

bool parse_size(std::string_view text, ImageSize& out) {
    ImageSize parsed;
    SizeDialect dialect{};
    if (!parse_pair(text, parsed.width, parsed.height, dialect) || dialect != SizeDialect::pixels) return false;
    out = parsed;
    return true;
}

const SizeTable& SizeTable::builtin() {
    static const SizeTable table = parse(kBuiltinSizesJson);
    return table;
}

SizeTable SizeTable::parse(std::string_view json) {
    const nlohmann::json document = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
    if (!document.is_object())
        throw Error(GENLAYER_INTERNAL, "The size table is not a JSON object; fix core/data/sizes.json and rebuild.");
    const auto object_or_empty = [&](const char* key) {
        return document.contains(key) && document[key].is_object() ? document[key] : nlohmann::json::object();
    };
    const auto long_edges = object_or_empty("ratio_tier_long_edges");
    const auto equivalents = object_or_empty("equivalent_tiers");
    SizeTable table;
    table.pixels_ = read_dialect(document, "tiers", SizeDialect::pixels, long_edges, equivalents);
    table.ratio_ = read_dialect(document, "ratio_tiers", SizeDialect::ratio, long_edges, equivalents);
    return table;
}

const std::vector<SizeTable::Tier>& SizeTable::tiers(SizeDialect dialect) const {
    return dialect == SizeDialect::pixels ? pixels_ : ratio_;
}

int SizeTable::longest_reference_edge() const {
    int longest = 0;
    for (const SizeDialect dialect : {SizeDialect::pixels, SizeDialect::ratio})
        for (const auto& tier : tiers(dialect))
            for (const auto& offer : tier.sizes)
                longest = std::max(longest, spec_of(dialect, tier, offer).reference_edge);
    return longest;
}

const SizeTable::Tier* SizeTable::find_tier(SizeDialect dialect, std::string_view name) const {
    for (const auto& tier : tiers(dialect))
        if (same_name(tier.name, name)) return &tier;
    return nullptr;
}

SizeSpec SizeTable::resolve(std::string_view size_text, std::string_view resolution_text, int source_w, int source_h,
                            SizeDialect dialect) const {
    const auto& own = tiers(dialect);
    const SizeDialect foreign = other_dialect(dialect);
    // As sentences quote them: "Size 7:5 is not offered", or "Size is not offered" for a long or odd one.
    const std::string size_name = quoted_choice(size_text), resolution_name = quoted_choice(resolution_text);

    // The tiers the resolution allows, in the dialect being sent.
    std::vector<const Tier*> allowed;
    if (is_auto(resolution_text)) {
        for (const auto& tier : own) allowed.push_back(&tier);
    } else if (const Tier* tier = find_tier(dialect, resolution_text)) {
        allowed.push_back(tier);
    } else if (const Tier* spelled = find_tier(foreign, resolution_text)) {
        for (const auto& name : spelled->equivalents)
            if (const Tier* equivalent = find_tier(dialect, name)) allowed.push_back(equivalent);
        if (allowed.empty())
            throw refusal("Resolution" + resolution_name + " has no equivalent while the gateway takes " +
                          speaks(dialect) + "; choose auto or one of " + join(tier_names(own)) + ".");
    } else {
        throw refusal("Resolution" + resolution_name + " is not offered; choose auto or one of " +
                      join(tier_names(own)) + ".");
    }

    if (is_auto(size_text)) {
        const double aspect = source_w > 0 && source_h > 0 ? double(source_w) / double(source_h) : 1.0;
        const Tier* tier = tier_for_source(allowed, source_w, source_h);
        return spec_of(dialect, *tier, closest(*tier, aspect));
    }

    int a = 0, b = 0;
    SizeDialect spelled{};
    if (!parse_pair(size_text, a, b, spelled))
        throw refusal("Size" + size_name + " is not offered; choose " + offered(own, dialect) + ".");
    const double aspect = double(a) / double(b);

    // The tiers of the size's own dialect that offer it.
    std::vector<const Tier*> holding;
    for (const auto& tier : tiers(spelled))
        for (const auto& offer : tier.sizes)
            if (offer.size == size_text) holding.push_back(&tier);
    if (holding.empty()) throw refusal("Size" + size_name + " is not offered; choose " + offered(own, dialect) + ".");
    // A resolution spelled like the size (3:2 at 1K) narrows where it is offered.
    if (spelled != dialect && !is_auto(resolution_text)) {
        if (const Tier* named = find_tier(spelled, resolution_text)) {
            if (std::find(holding.begin(), holding.end(), named) == holding.end())
                throw refusal("Size" + size_name + " is not offered at" + resolution_name + "; at" + resolution_name +
                              " choose auto or one of " + join(sizes_of(*named)) + ".");
            holding.assign(1, named);  // not = {named}: GCC 14 warns falsely of -Warray-bounds there
        }
    }

    if (spelled == dialect) {
        std::vector<const Tier*> fitting;
        for (const auto* tier : holding)
            if (std::find(allowed.begin(), allowed.end(), tier) != allowed.end()) fitting.push_back(tier);
        if (fitting.empty()) {
            const Tier& asked = *allowed.front();
            throw refusal("Size" + size_name + " does not match resolution" + resolution_name +
                          "; at that resolution choose auto or one of " + join(sizes_of(asked)) +
                          ", or set resolution " + join(tier_names(holding), " or ") + " or auto.");
        }
        const Tier* tier = tier_for_source(fitting, source_w, source_h);
        const auto offer =
            std::find_if(tier->sizes.begin(), tier->sizes.end(), [&](const Offer& o) { return o.size == size_text; });
        return spec_of(dialect, *tier, *offer);
    }

    // Another dialect's size: the equivalent offer in a corresponding tier.
    std::vector<const Tier*> candidates;
    for (const auto* tier : allowed) {
        const bool corresponds = std::any_of(holding.begin(), holding.end(), [&](const Tier* source) {
            return std::find(source->equivalents.begin(), source->equivalents.end(), tier->name) !=
                   source->equivalents.end();
        });
        const bool has_equivalent = std::any_of(tier->sizes.begin(), tier->sizes.end(),
                                                [&](const Offer& o) { return equivalent_aspects(o.aspect, aspect); });
        if (corresponds && has_equivalent) candidates.push_back(tier);
    }
    if (candidates.empty()) {
        const std::string asked = size_name + (is_auto(resolution_text) ? "" : " at" + resolution_name);
        throw refusal("Size" + asked + " has no equivalent while the gateway takes " + speaks(dialect) + "; choose " +
                      offered(own, dialect) + ".");
    }
    const Tier* tier = tier_for_source(candidates, source_w, source_h);
    return spec_of(dialect, *tier, closest(*tier, aspect));
}

}  // namespace genlayer
