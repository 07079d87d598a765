#include "batch_scheduler.hpp"

#include "exit_codes.hpp"
#include "interrupt.hpp"

namespace genlayer::cli {
namespace {

// Jobs beyond the gate's limit prepare and upload while others wait on the gateway.
constexpr int kPrefetch = 2;

double seconds_since(Clock::time_point since) { return std::chrono::duration<double>(Clock::now() - since).count(); }

}  // namespace

BatchScheduler::BatchScheduler(const std::vector<BatchItem>& items, GenerationRequest prototype,
                               std::function<JobConfig(const BatchItem&)> make_config, std::shared_ptr<SubmitGate> gate,
                               BatchProgress& progress)
    : items_(items),
      prototype_(std::move(prototype)),
      make_config_(std::move(make_config)),
      gate_(std::move(gate)),
      progress_(progress),
      pending_(items_.begin()) {}

BatchSummary BatchScheduler::run() {
    while (pending_ != items_.end() || !running_.empty()) {
        stop_on_interrupt();
        start_jobs();
        reap_finished();
        show_progress();
        if (finished() == int(items_.size()) || (summary_.interrupted && running_.empty())) break;
        if (!running_.empty()) running_.front().job->wait_for(std::chrono::milliseconds(50));
    }
    summary_.elapsed_s = seconds_since(started_);
    return summary_;
}

void BatchScheduler::stop_on_interrupt() {
    if (!interrupted() || summary_.interrupted) return;
    summary_.interrupted = true;
    for (auto& r : running_) r.job->cancel();
}

// Starts what the gate and the prefetch allow.
void BatchScheduler::start_jobs() {
    while (!summary_.interrupted && pending_ != items_.end() && int(running_.size()) < gate_->limit() + kPrefetch) {
        const BatchItem& item = *pending_++;
        try {
            start(item);
        } catch (const Error& error) {
            fail(item, exit_code_for(error), error.what());
        }
    }
}

void BatchScheduler::start(const BatchItem& item) {
    switch (item.action) {
        case BatchItem::Action::skip_done:
            ++summary_.skipped;
            progress_.item_finished(item.input, "skipped, " + item.output + " exists");
            return;
        case BatchItem::Action::skip_unknown:
            fail(item, exit_code_for(GENLAYER_OUTCOME_UNKNOWN),
                 "an earlier submit (" + (item.task_id.empty() ? std::string("no task id") : item.task_id) +
                     ") has an unknown outcome; it is not submitted twice, see `genlayer jobs`.");
            return;
        case BatchItem::Action::collect:
            running_.push_back({&item, Job::collect(item.task_id, make_config_(item))});
            return;
        case BatchItem::Action::generate: {
            GenerationRequest request = prototype_;
            request.reference = read_image_file(item.input, {}, max_reference_edge());
            running_.push_back({&item, Job::generate(std::move(request), make_config_(item))});
            return;
        }
    }
}

void BatchScheduler::reap_finished() {
    for (auto it = running_.begin(); it != running_.end();) {
        if (!it->job->finished()) {
            ++it;
            continue;
        }
        reap(*it);
        it = running_.erase(it);
    }
}

// Counts what a finished job sent and writes what it brought.
void BatchScheduler::reap(const Running& running) {
    const auto snapshot = running.job->snapshot();
    const auto report = running.job->report();
    summary_.requests += report.value("requests", 0);
    summary_.rate_limited += report.value("rate_limited", 0);
    if (running.item->action == BatchItem::Action::generate && !snapshot.task_id.empty()) ++summary_.submits;
    if (snapshot.state == GENLAYER_JOB_DONE) {
        try {
            write_image_file(running.item->output, view_of(running.job->results().at(0)));
            running.job->mark_collected({running.item->output});
            ++(running.item->action == BatchItem::Action::collect ? summary_.collected : summary_.written);
            progress_.item_finished(running.item->input, "wrote " + running.item->output);
        } catch (const Error& error) {
            fail(*running.item, exit_code_for(error), error.what());
        }
    } else if (snapshot.state == GENLAYER_JOB_FAILED) {
        fail(*running.item, exit_code_for(snapshot.status, snapshot.local_file_fault), snapshot.message);
    }
}

void BatchScheduler::fail(const BatchItem& item, int exit_code, const std::string& sentence) {
    summary_.failures.emplace_back(item.input, sentence);
    if (summary_.first_failure == kExitOk) summary_.first_failure = exit_code;
    progress_.item_finished(item.input, "failed: " + sentence);
}

int BatchScheduler::finished() const {
    return summary_.written + summary_.collected + summary_.skipped + int(summary_.failures.size());
}

void BatchScheduler::show_progress() const {
    progress_.update({int(items_.size()), summary_.written + summary_.collected + summary_.skipped,
                      int(summary_.failures.size()), gate_->in_flight(), gate_->limit(), seconds_since(started_)});
}

}  // namespace genlayer::cli
