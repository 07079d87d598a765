// The batch's progress on stderr: a live bar with done/failed/in-flight counts
// and an ETA on a terminal, a plain line per finished input otherwise.
#pragma once

#include "status_line.hpp"

#include <string>

namespace genlayer::cli {

struct BatchCounts {
    int total = 0;
    int done = 0;  // written or skipped
    int failed = 0;
    int in_flight = 0;
    int limit = 0;  // the gate's current concurrency
    double elapsed_s = 0;
};

class BatchProgress {
public:
    explicit BatchProgress(StatusLine::Style style) : status_(style) {}

    void update(const BatchCounts& counts);
    // One input finished: a line of its own in plain mode.
    void item_finished(const std::string& input, const std::string& outcome);
    void note(const std::string& line) { status_.line(line); }

private:
    StatusLine status_;
};

}  // namespace genlayer::cli
