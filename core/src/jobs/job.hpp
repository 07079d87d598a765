// One generation, run on its own worker thread: prepare the reference,
// upload, journal, submit, poll, download, decode, and save each image to
// the history before any host sees it. The host reads a snapshot
// without blocking and may cancel from any thread.
#pragma once

#include "base/cancel_token.hpp"
#include "base/status.hpp"
#include "base/wakeup_signal.hpp"
#include "gateway/gateway.hpp"
#include "gateway/gateway_client.hpp"
#include "gateway/generation_request.hpp"
#include "gateway/settings.hpp"
#include "history/history_store.hpp"
#include "image/image_codec.hpp"
#include "image/rgba_image.hpp"
#include "jobs/job_clock.hpp"
#include "jobs/journal.hpp"
#include "jobs/poll_schedule.hpp"
#include "jobs/size_negotiation.hpp"
#include "jobs/submit_gate.hpp"
#include "jobs/upload_cache.hpp"

#include <genlayer/genlayer.h>
#include <nlohmann/json.hpp>

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace genlayer {

// DONE, FAILED and CANCELLED: the worker has stopped.
constexpr bool is_final_state(uint32_t state) {
    return state == GENLAYER_JOB_DONE || state == GENLAYER_JOB_FAILED || state == GENLAYER_JOB_CANCELLED;
}

struct JobSnapshot {
    genlayer_job_state state = GENLAYER_JOB_PREPARING;
    int server_percent = -1;
    double fraction = 0;
    double elapsed_s = 0;
    Status status = GENLAYER_OK;    // meaningful once final
    bool local_file_fault = false;  // the failure was a LocalFileError (status INTERNAL)
    std::string message;
    std::string task_id;
};

struct JobConfig {
    Settings settings;
    double timeout_s = 0;  // 0: settings.timeout_s
    PollMode poll_mode = PollMode::adaptive;
    nlohmann::json target = nlohmann::json::object();  // journaled for recovery
    DecodeLimits decode_limits;
    size_t max_download_bytes = size_t(64) * 1024 * 1024;
    // A batch shares these between its jobs; a single job may leave them empty.
    std::shared_ptr<SubmitGate> gate;
    std::shared_ptr<UploadCache> upload_cache;
    // What the job talks to and waits on; empty: a GatewayClient and a
    // SteadyJobClock. The unit tests pass fakes.
    std::function<std::shared_ptr<Gateway>(GatewayClient::Config, SharedCancelToken)> make_gateway;
    std::function<std::shared_ptr<JobClock>(SharedCancelToken)> make_clock;
};

class Job {
public:
    // Validates the request here, on the caller's thread (throws
    // Error(INVALID_REQUEST) or Error(AUTH) before anything is sent), then
    // starts the worker.
    static std::unique_ptr<Job> generate(GenerationRequest request, JobConfig config);
    // Collects a task that was submitted before (by id).
    static std::unique_ptr<Job> collect(std::string task_id, JobConfig config);

    ~Job();  // cancels and joins
    Job(const Job&) = delete;
    Job& operator=(const Job&) = delete;

    JobSnapshot snapshot() const;  // never blocks on the network
    // Readable whenever the snapshot changed since clear_wakeup (any thread).
    int wakeup_fd() const { return changed_.fd(); }
    void clear_wakeup() const { changed_.drain(); }
    bool finished() const;
    void cancel();  // any thread
    void wait();    // blocks until final
    // Blocks until final or `timeout`; true when final (the CLI's UI tick).
    bool wait_for(std::chrono::milliseconds timeout);

    // After DONE: the decoded images, and the request as sent.
    const std::vector<RgbaImage>& results() const { return results_; }
    std::vector<RgbaImage> take_results() { return std::move(results_); }
    const nlohmann::json& request_json() const { return request_json_; }
    // Stage times, bytes and request counts.
    nlohmann::json report() const;
    // Records that the host holds the images (and where, if it says).
    void mark_collected(const nlohmann::json& outputs = nullptr);

private:
    explicit Job(JobConfig config);
    void run_generation(GenerationRequest request);
    void run_collection(const std::string& task_id);
    // Writes the request as it will be sent into the journal entry, at `stage`.
    void journal_request(const ResolvedRequest& resolved, JobStage stage);
    // Submits, and once each after a 400 about the size (the other dialect)
    // or an expired upload URL (fresh uploads); journals a final failure.
    TaskInfo submit(Gateway& gateway, ResolvedRequest& resolved);
    // True when `error` allows one more submit, `resolved` changed for it.
    bool prepare_resubmit(Gateway& gateway, const Error& error, ResolvedRequest& resolved);
    void journal_failure(const Error& failure);
    // The shared second half: wait for the task, download and decode.
    void wait_and_download(Gateway& gateway, JournalEntry& entry);
    // Polls until the task is final; throws at the deadline or on a cancel.
    TaskInfo wait_for_task(Gateway& gateway, const std::string& task_id);
    void wait_for_poll(Clock::time_point at, const std::string& task_id);
    // Journals how the task ended; throws unless it brought images.
    void journal_outcome(JournalEntry& entry, const TaskInfo& task);
    std::vector<RgbaImage> download_results(Gateway& gateway, const TaskInfo& task);
    // Saves one downloaded image to the history; a failure there is
    // reported, never fatal: the image still reaches the host.
    void record_in_history(std::span<const uint8_t> bytes, const RgbaImage& image, int index, long long received_ms);
    void report_transfers(const TransferStats& stats);
    std::vector<std::string> upload_references(Gateway& gateway, const GenerationRequest& request,
                                               const SizeSpec& size);
    std::string upload_once(Gateway& gateway, const EncodedImage& image, size_t index);
    // After invalid_reference_images: uploads again what the cache handed
    // out, once per job. False when there is nothing (more) to renew.
    bool renew_cached_references(Gateway& gateway, ResolvedRequest& resolved);
    std::shared_ptr<Gateway> make_gateway();
    // Runs `body` on the worker thread and turns whatever it throws into the final state.
    void launch(std::function<void()> body);
    void set_state(genlayer_job_state state, double fraction, int server_percent = -1);
    void finish(genlayer_job_state state, Status status, std::string message, bool local_file_fault = false);
    std::string cancelled_sentence() const;
    void time_stage(const char* name, Clock::time_point since);
    double seconds_since(Clock::time_point since) const;

    JobConfig config_;
    Journal journal_;
    SharedCancelToken cancel_ = std::make_shared<CancelToken>();
    std::shared_ptr<JobClock> clock_;
    Clock::time_point started_;
    Clock::time_point deadline_;

    mutable std::mutex mutex_;
    JobSnapshot snapshot_;   // guarded by mutex_
    nlohmann::json report_;  // guarded by mutex_
    std::condition_variable finished_cv_;
    WakeupSignal changed_;

    // Written by the worker before the state becomes DONE, read after.
    std::vector<RgbaImage> results_;
    nlohmann::json request_json_;
    JournalEntry entry_;
    SubmitGate::Permit permit_;             // held from before the submit until the task is final
    std::optional<SizeNegotiation> sizes_;  // set before the worker starts
    std::optional<HistoryStore> history_;   // empty when the settings say not to record
    // References whose URL came from the upload cache, kept until the
    // submit is accepted in case the gateway no longer knows that URL.
    struct CachedReference {
        size_t index;  // in the request's reference URLs
        std::string digest;
        EncodedImage image;
    };
    std::vector<CachedReference> cached_references_;
    bool references_renewed_ = false;

    std::thread worker_;
};

}  // namespace genlayer
