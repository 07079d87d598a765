// The batch's progress on stderr: a live bar with done/failed/in-flight counts
// and an ETA on a terminal, a plain line per finished input otherwise.
#pragma once

#include "progress_reporter.hpp"

#include <string>

namespace genlayer::cli {

struct BatchCounts {
    int total = 0;
    int done = 0;      // written or skipped
    int failed = 0;
    int in_flight = 0;
    int limit = 0;     // the gate's current concurrency
    double elapsed_s = 0;
};

class BatchProgress {
public:
    explicit BatchProgress(ProgressReporter::Style style) : style_(style) {}
    ~BatchProgress();

    void update(const BatchCounts& counts);
    // One input finished: a line in plain mode, kept short.
    void item_finished(const std::string& input, const std::string& outcome);
    void note(const std::string& line);

private:
    void end_live_line();

    ProgressReporter::Style style_;
    bool live_line_open_ = false;
};

}  // namespace genlayer::cli
