#include "progress_reporter.hpp"

#include <cstdio>
#include <unistd.h>

namespace genlayer::cli {

const char* describe(genlayer_job_state state) {
    switch (state) {
        case GENLAYER_JOB_PREPARING: return "preparing";
        case GENLAYER_JOB_UPLOADING: return "uploading";
        case GENLAYER_JOB_SUBMITTING: return "submitting";
        case GENLAYER_JOB_QUEUED: return "queued";
        case GENLAYER_JOB_RUNNING: return "generating";
        case GENLAYER_JOB_DOWNLOADING: return "downloading";
        case GENLAYER_JOB_DONE: return "done";
        case GENLAYER_JOB_FAILED: return "failed";
        case GENLAYER_JOB_CANCELLED: return "cancelled";
    }
    return "working";
}

ProgressReporter::Style ProgressReporter::style_for_stderr(bool quiet) {
    if (quiet) return Style::quiet;
    return ::isatty(STDERR_FILENO) ? Style::live : Style::lines;
}

ProgressReporter::~ProgressReporter() { end_live_line(); }

void ProgressReporter::update(const JobSnapshot& s) {
    if (style_ == Style::quiet) return;
    char percent[16] = "";
    if (s.server_percent >= 0 && s.state == GENLAYER_JOB_RUNNING) std::snprintf(percent, sizeof percent, " %3d%%", s.server_percent);
    if (style_ == Style::live) {
        std::fprintf(stderr, "\r\033[Kgenlayer: %s%s  %.1f s", describe(s.state), percent, s.elapsed_s);
        std::fflush(stderr);
        live_line_open_ = true;
        return;
    }
    // Plain lines: one per state, and per 25 % of progress, so logs stay short.
    std::string line = describe(s.state);
    if (s.state == GENLAYER_JOB_RUNNING && s.server_percent >= 0)
        line += " " + std::to_string(s.server_percent / 25 * 25) + "%";
    if (!s.task_id.empty() && s.state == GENLAYER_JOB_QUEUED) line += " (task " + s.task_id + ")";
    if (line == last_plain_) return;
    last_plain_ = line;
    std::fprintf(stderr, "genlayer: %s\n", line.c_str());
}

void ProgressReporter::note(const std::string& line) {
    if (style_ == Style::quiet) return;
    end_live_line();
    std::fprintf(stderr, "genlayer: %s\n", line.c_str());
}

void ProgressReporter::end_live_line() {
    if (!live_line_open_) return;
    std::fputc('\n', stderr);
    live_line_open_ = false;
}

}  // namespace genlayer::cli
