// Runs the planned inputs of `genlayer batch`: starts jobs as fast as the
// gate (plus a little prefetch) allows, reaps the finished ones and writes
// their images, and on Ctrl-C stops submitting and keeps what was submitted.
#pragma once

#include "batch_plan.hpp"
#include "batch_progress.hpp"
#include "gateway/generation_request.hpp"
#include "jobs/job.hpp"

#include <functional>
#include <list>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace genlayer::cli {

struct BatchSummary {
    int written = 0, collected = 0, skipped = 0;
    std::vector<std::pair<std::string, std::string>> failures;  // input, sentence
    int first_failure = 0;                                      // the exit code of the first failure
    int submits = 0, requests = 0, rate_limited = 0;
    bool interrupted = false;
    double elapsed_s = 0;
};

class BatchScheduler {
public:
    // `make_config` gives each item's job its settings, the gate among them.
    BatchScheduler(const std::vector<BatchItem>& items, GenerationRequest prototype,
                   std::function<JobConfig(const BatchItem&)> make_config, std::shared_ptr<SubmitGate> gate,
                   BatchProgress& progress);

    // Returns when every input is finished, or when interrupted and every
    // running job has stopped.
    BatchSummary run();

private:
    struct Running {
        const BatchItem* item;
        std::unique_ptr<Job> job;
    };

    void stop_on_interrupt();
    void start_jobs();
    void start(const BatchItem& item);
    void reap_finished();
    void reap(const Running& running);
    void fail(const BatchItem& item, int exit_code, const std::string& sentence);
    int finished() const;
    void show_progress() const;

    const std::vector<BatchItem>& items_;
    const GenerationRequest prototype_;
    const std::function<JobConfig(const BatchItem&)> make_config_;
    const std::shared_ptr<SubmitGate> gate_;
    BatchProgress& progress_;
    const Clock::time_point started_ = Clock::now();

    std::vector<BatchItem>::const_iterator pending_;
    std::list<Running> running_;
    BatchSummary summary_;
};

}  // namespace genlayer::cli
