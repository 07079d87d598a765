#include "batch_progress.hpp"

#include <cstdio>

namespace genlayer::cli {

void BatchProgress::update(const BatchCounts& c) {
    if (status_.style() != StatusLine::Style::live) return;
    constexpr int kWidth = 30;
    const int finished = c.done + c.failed;
    std::string bar(size_t(c.total ? finished * kWidth / c.total : kWidth), '#');
    bar.resize(kWidth, '.');
    std::string eta = "--";
    if (finished > 0 && finished < c.total)
        eta = std::to_string(int(c.elapsed_s / finished * (c.total - finished))) + " s";
    char text[160];
    std::snprintf(text, sizeof text, "[%s] %d/%d done, %d failed, %d in flight (limit %d), ETA %s", bar.c_str(), c.done,
                  c.total, c.failed, c.in_flight, c.limit, eta.c_str());
    status_.live(text);
}

void BatchProgress::item_finished(const std::string& input, const std::string& outcome) {
    if (status_.style() == StatusLine::Style::lines) status_.line(input + ": " + outcome);
}

}  // namespace genlayer::cli
