// Which size dialect a job sends, and its one second try in the other.
//
// The gateway's documentation gives sizes two ways (pixels, or ratios and
// tiers) and which one the live gateway takes is not known. A fixed setting
// sends that dialect. Auto sends the one remembered for the base URL
// (pixels the first time), or the only one that can say the request (16:9
// at 4K is ratio only); after a 400 about the size it resolves the request
// again, from what the person asked, in the other dialect and submits once
// more: safe, since a 400 creates no task. The dialect that was accepted is
// remembered.
#pragma once

#include "base/status.hpp"
#include "gateway/generation_request.hpp"
#include "gateway/size_dialect_memory.hpp"
#include "gateway/size_table.hpp"

#include <optional>
#include <string>

namespace genlayer {

class SizeNegotiation {
public:
    // Resolves the first size; throws Error(INVALID_REQUEST) when no allowed
    // dialect can say it.
    SizeNegotiation(SizeAsk ask, std::optional<SizeDialect> setting, SizeDialectMemory memory, std::string base_url);

    const SizeSpec& current() const { return current_; }

    // After the gateway refused current(): true, with current() in the other
    // dialect, when the refusal was about the size, the setting is auto, it
    // has not switched before, and the other dialect can say the request.
    bool switch_after(const Error& refusal);

    // The gateway accepted current(): remember its dialect for the base URL.
    void accepted() const;

private:
    SizeAsk ask_;
    bool automatic_;
    bool switched_ = false;
    SizeDialectMemory memory_;
    std::string base_url_;
    SizeSpec current_;
};

// A 400 whose type or code is invalid_request_error, invalid_request or
// invalid_size and whose message names the size or the resolution.
bool is_refusal_of_size(const Error& refusal);

}  // namespace genlayer
