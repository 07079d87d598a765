// The gateway's documented limits and this project's defaults, in one place.
// Hosts read them through genlayer_get_limits(), so a dialog's spin button,
// its cost line and the core's validation can never disagree.
#pragma once

#include <cstddef>

namespace genlayer {

inline constexpr const char* kDefaultModel = "gpt-image-2";
// The gateway documents no prompt limit on its model page; this project
// refuses more than this before anything is sent.
inline constexpr size_t kMaxPromptChars = 32000;
inline constexpr int kMinImages = 1;
inline constexpr int kMaxImages = 4;
inline constexpr size_t kMaxReferences = 16;
// The documented price is $0.015 a request; a request for n images is
// counted as n, so an estimate never undercounts.
inline constexpr double kPricePerImageUsd = 0.015;

inline constexpr double kDefaultTimeoutS = 300;        // one job, start to image
inline constexpr double kDefaultConnectTimeoutS = 10;  // one connection attempt
inline constexpr double kDefaultStallTimeoutS = 30;    // a transfer without a byte

// The generation history's size before its oldest unkept entries are evicted.
inline constexpr double kDefaultHistoryMaxMb = 2048;

inline double estimated_cost_usd(int images) { return images * kPricePerImageUsd; }

}  // namespace genlayer
