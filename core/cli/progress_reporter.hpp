// Progress on stderr: one live line on a terminal, plain lines otherwise,
// nothing with --quiet.
#pragma once

#include "job.hpp"

#include <string>

namespace genlayer::cli {

class ProgressReporter {
public:
    enum class Style { live, lines, quiet };
    static Style style_for_stderr(bool quiet);

    explicit ProgressReporter(Style style) : style_(style) {}
    ~ProgressReporter();

    void update(const JobSnapshot& snapshot);
    // A message of its own, on its own line (clears a live line first).
    void note(const std::string& line);

private:
    void end_live_line();

    Style style_;
    bool live_line_open_ = false;
    std::string last_plain_;
};

// "uploading", "running", … for a state.
const char* describe(genlayer_job_state state);

}  // namespace genlayer::cli
