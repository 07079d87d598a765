// The sizes the gateway offers, in both of its documented dialects, from one
// data file (core/data/sizes.json):
//  - pixels: size "WxH", resolution the long-edge tier "1024", "1536", "2048";
//  - ratio: size an aspect ratio "3:2", resolution a tier "1K", "2K", "4K".
// A person may name a size either way; it is sent in the dialect the gateway
// speaks, translated where an equivalent exists, else refused with the list
// of what is offered.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace genlayer {

enum class SizeDialect { pixels, ratio };

const char* to_string(SizeDialect dialect);
std::optional<SizeDialect> parse_size_dialect(std::string_view text);  // "pixels" or "ratio"
SizeDialect other_dialect(SizeDialect dialect);

struct ImageSize {
    int width = 0;
    int height = 0;
    std::string text() const;  // "WxH"
    bool operator==(const ImageSize&) const = default;
};

// Parses "WxH"; false on anything else.
bool parse_size(std::string_view text, ImageSize& out);

// A size as one dialect spells it on the wire.
struct SizeSpec {
    SizeDialect dialect = SizeDialect::pixels;
    std::string size;        // "1536x1024" or "3:2"
    std::string resolution;  // "1536" or "1K"
    // The long edge a reference is scaled to: the pixel size's, or the tier's
    // nominal edge in the ratio dialect, which documents no pixel size.
    int reference_edge = 0;
    bool operator==(const SizeSpec&) const = default;
};

class SizeTable {
public:
    struct Offer {
        std::string size;  // as the dialect spells it
        double aspect = 1;
    };
    struct Tier {
        std::string name;  // "1024" or "1K"
        int long_edge = 0;
        std::vector<Offer> sizes;
        std::vector<std::string> equivalents;  // the other dialect's tiers that correspond
    };

    // The table built into the binary.
    static const SizeTable& builtin();
    static SizeTable parse(std::string_view json);

    const std::vector<Tier>& tiers(SizeDialect dialect) const;
    // The longest edge any offered size scales a reference to, in either
    // dialect: a local reference is never read larger than this.
    int longest_reference_edge() const;

    // Resolves what a person asked, size and resolution each "auto" (or
    // empty) or a value of either dialect, into `dialect`, for a source
    // region of source_w x source_h (0 without one).
    //  - auto size: the offered size closest in aspect to the source (1:1
    //    without one), in the given tier or else the smallest tier whose long
    //    edge holds the source's (the largest if none does);
    //  - a size of the other dialect: the offer within 1 % of its aspect in a
    //    corresponding tier (1K ↔ 1024 and 1536, 2K ↔ 2048, 4K ↔ none).
    // Throws Error(INVALID_REQUEST) naming what is offered in `dialect`.
    SizeSpec resolve(std::string_view size, std::string_view resolution, int source_w, int source_h,
                     SizeDialect dialect) const;

private:
    const Tier* find_tier(SizeDialect dialect, std::string_view name) const;
    std::vector<Tier> pixels_;
    std::vector<Tier> ratio_;
};

}  // namespace genlayer
