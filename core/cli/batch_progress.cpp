#include "batch_progress.hpp"

#include <cstdio>

namespace genlayer::cli {

BatchProgress::~BatchProgress() { end_live_line(); }

void BatchProgress::update(const BatchCounts& c) {
    if (style_ != ProgressReporter::Style::live) return;
    constexpr int kWidth = 30;
    const int finished = c.done + c.failed;
    const int filled = c.total ? finished * kWidth / c.total : kWidth;
    std::string bar(size_t(filled), '#');
    bar.resize(kWidth, '.');
    std::string eta = "--";
    if (finished > 0 && finished < c.total) eta = std::to_string(int(c.elapsed_s / finished * (c.total - finished))) + " s";
    std::fprintf(stderr, "\r\033[K[%s] %d/%d done, %d failed, %d in flight (limit %d), ETA %s", bar.c_str(), c.done,
                 c.total, c.failed, c.in_flight, c.limit, eta.c_str());
    std::fflush(stderr);
    live_line_open_ = true;
}

void BatchProgress::item_finished(const std::string& input, const std::string& outcome) {
    if (style_ != ProgressReporter::Style::lines) return;
    std::fprintf(stderr, "genlayer: %s: %s\n", input.c_str(), outcome.c_str());
}

void BatchProgress::note(const std::string& line) {
    if (style_ == ProgressReporter::Style::quiet) return;
    end_live_line();
    std::fprintf(stderr, "genlayer: %s\n", line.c_str());
}

void BatchProgress::end_live_line() {
    if (!live_line_open_) return;
    std::fputc('\n', stderr);
    live_line_open_ = false;
}

}  // namespace genlayer::cli
