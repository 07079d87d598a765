// The gateway's size/resolution pairs, read from core/data/sizes.json (built
// into the binary) — the client and the emulator share it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace genlayer {

struct ImageSize {
    int width = 0;
    int height = 0;
    std::string text() const;  // "WxH"
    bool operator==(const ImageSize&) const = default;
};

struct SizeTier {
    int resolution = 0;  // long-edge tier: 1024, 1536, 2048
    std::vector<ImageSize> sizes;
};

class SizeTable {
public:
    // The table built into the binary.
    static const SizeTable& builtin();
    static SizeTable parse(std::string_view json);

    const std::vector<SizeTier>& tiers() const { return tiers_; }
    bool is_valid_pair(const ImageSize& size, int resolution) const;
    // The tier that holds `size`, or 0.
    int resolution_of(const ImageSize& size) const;

    // Resolves the user's size and resolution ("auto" or empty allowed for
    // both) for a source region of source_w x source_h (0 when there is no
    // reference). Auto size: closest aspect ratio (compared in log space)
    // within the given tier, or within the smallest tier whose long edge is
    // >= the source's long edge (the largest tier if none is). Auto resolution
    // with a given size: that size's tier. Throws Error(INVALID_REQUEST) with
    // the valid choices in the sentence for a bad size, resolution or pair.
    struct Choice {
        ImageSize size;
        int resolution = 0;
    };
    Choice resolve(std::string_view size, std::string_view resolution,
                   int source_w, int source_h) const;

private:
    std::vector<SizeTier> tiers_;
};

// Parses "WxH"; false on anything else.
bool parse_size(std::string_view text, ImageSize& out);

}  // namespace genlayer
