#include "progress_reporter.hpp"

#include <cstdio>

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

void ProgressReporter::update(const JobSnapshot& s) {
    // A failure is told by the one sentence that follows; a bare "failed" line would only repeat it.
    if (s.state == GENLAYER_JOB_FAILED || s.state == GENLAYER_JOB_CANCELLED) return;
    // Built with append: GCC 12 warns falsely (-Wrestrict) on "literal" + std::string.
    std::string percent;
    if (s.state == GENLAYER_JOB_RUNNING && s.server_percent >= 0) {
        const int shown = status_.style() == StatusLine::Style::live ? s.server_percent : s.server_percent / 25 * 25;
        percent.append(" ").append(std::to_string(shown)).append("%");
    }
    if (status_.style() == StatusLine::Style::live) {
        char text[96];
        std::snprintf(text, sizeof text, "%s%s  %.1f s", describe(s.state), percent.c_str(), s.elapsed_s);
        status_.live(text);
        return;
    }
    // Plain lines stay few: one per state, and per 25 % of progress.
    std::string line = describe(s.state);
    line += percent;
    if (!s.task_id.empty() && s.state == GENLAYER_JOB_QUEUED) line.append(" (task ").append(s.task_id).append(")");
    if (line == last_plain_) return;
    last_plain_ = line;
    status_.line(line);
}

}  // namespace genlayer::cli
