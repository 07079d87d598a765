// A job's progress on stderr: a live line (state, percent, elapsed) on a
// terminal; one plain line per state and per 25 % otherwise. A failed or
// cancelled job shows nothing here: the caller prints its sentence.
#pragma once

#include "jobs/job.hpp"
#include "status_line.hpp"

#include <string>

namespace genlayer::cli {

class ProgressReporter {
public:
    explicit ProgressReporter(StatusLine::Style style) : status_(style) {}

    void update(const JobSnapshot& snapshot);
    void note(const std::string& line) { status_.line(line); }

private:
    StatusLine status_;
    std::string last_plain_;
};

// "uploading", "generating", … for a state.
const char* describe(genlayer_job_state state);

}  // namespace genlayer::cli
