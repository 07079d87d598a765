#include "jobs/job.hpp"

#include "base/base64.hpp"
#include "base/local_file_error.hpp"
#include "base/sha256.hpp"
#include "gateway/gateway_config.hpp"
#include "gateway/gateway_errors.hpp"
#include "gateway/limits.hpp"
#include "image/image_file_module.hpp"
#include "image/reference_image.hpp"
#include "net/url.hpp"

#include <algorithm>

namespace genlayer {
namespace {

Clock::duration duration_of(double seconds) {
    return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
}

// How far along the whole job is, by stage: the wait dominates.
constexpr double kUploadedFraction = 0.10;
constexpr double kSubmittedFraction = 0.15;
constexpr double kWaitedFraction = 0.90;

genlayer_job_state state_of(TaskStatus status) {
    return status == TaskStatus::queued ? GENLAYER_JOB_QUEUED : GENLAYER_JOB_RUNNING;
}

}  // namespace

Job::Job(JobConfig config)
    : config_(std::move(config)),
      journal_(config_.settings.journal_dir),
      clock_(config_.make_clock ? config_.make_clock(cancel_) : std::make_shared<SteadyJobClock>(cancel_)),
      started_(clock_->now()) {
    const double timeout = config_.timeout_s > 0 ? config_.timeout_s : config_.settings.timeout_s;
    deadline_ = started_ + duration_of(timeout);
    report_ = {{"stages", nlohmann::json::object()}};
    // A Settings not read by load_settings (a test's) names no history folder.
    if (config_.settings.record_history && !config_.settings.history_dir.empty())
        history_.emplace(config_.settings.history_dir, config_.settings.history_max_bytes);
}

Job::~Job() {
    cancel();
    if (worker_.joinable()) worker_.join();
}

std::unique_ptr<Job> Job::generate(GenerationRequest request, JobConfig config) {
    validate_request(request);
    SizeNegotiation sizes(size_ask(request), config.settings.size_dialect,
                          SizeDialectMemory(config.settings.size_dialect_memory()), config.settings.base_url);
    require_api_key(config.settings);
    require_image_file_module();
    std::unique_ptr<Job> job(new Job(std::move(config)));
    job->sizes_ = std::move(sizes);
    Job* self = job.get();
    job->launch([self, request = std::move(request)]() mutable { self->run_generation(std::move(request)); });
    return job;
}

std::unique_ptr<Job> Job::collect(std::string task_id, JobConfig config) {
    require_task_id(task_id, true);
    require_api_key(config.settings);
    require_image_file_module();
    std::unique_ptr<Job> job(new Job(std::move(config)));
    job->snapshot_.state = GENLAYER_JOB_QUEUED;
    job->snapshot_.task_id = task_id;
    Job* self = job.get();
    job->launch([self, task_id = std::move(task_id)]() mutable { self->run_collection(task_id); });
    return job;
}

void Job::launch(std::function<void()> body) {
    worker_ = std::thread([this, body = std::move(body)] {
        try {
            body();
        } catch (const Error& error) {
            if (cancel_->cancelled())
                finish(GENLAYER_JOB_CANCELLED, GENLAYER_CANCELLED, cancelled_sentence());
            else
                finish(GENLAYER_JOB_FAILED, error.status(), error.what(),
                       dynamic_cast<const LocalFileError*>(&error) != nullptr);
        } catch (const std::exception& error) {
            finish(GENLAYER_JOB_FAILED, GENLAYER_INTERNAL,
                   std::string("An unexpected error stopped the job (") + error.what() + ").");
        }
    });
}

void Job::run_generation(GenerationRequest request) {
    const auto connection = make_gateway();
    Gateway& gateway = *connection;

    auto resolved = resolve_request(request, sizes_->current(), upload_references(gateway, request, sizes_->current()));
    request.reference.reset();  // the pixels are no longer needed

    set_state(GENLAYER_JOB_SUBMITTING, kUploadedFraction);
    const auto submit_started = clock_->now();
    // The slot comes first, so that a job killed while it waits for one has
    // nothing in the journal and is simply submitted by the next run.
    if (config_.gate) {
        permit_ = config_.gate->acquire(*cancel_);
        if (cancel_->cancelled()) throw Error(GENLAYER_CANCELLED, cancelled_sentence());
    }
    // Journaled before the submit: if we die between the submit and its
    // answer, the entry says a task may exist and must not be sent again.
    entry_.job_id = Journal::new_job_id();
    entry_.created_at = unix_now();
    entry_.target = config_.target;
    journal_request(resolved, JobStage::submitting);

    const TaskInfo task = submit(gateway, resolved);
    time_stage("submit_s", submit_started);
    entry_.task_id = task.id;
    entry_.stage = JobStage::submitted;
    journal_.save(entry_);
    {
        std::lock_guard lock(mutex_);
        snapshot_.task_id = task.id;
        report_["task_id"] = task.id;
        report_["size_dialect"] = to_string(resolved.size.dialect);
    }
    changed_.notify();
    set_state(state_of(task.status), kSubmittedFraction, task.progress);
    wait_and_download(gateway, entry_);
}

void Job::journal_request(const ResolvedRequest& resolved, JobStage stage) {
    request_json_ = to_json(resolved);
    entry_.request = request_json_;
    entry_.size_dialect = to_string(resolved.size.dialect);
    entry_.stage = stage;
    journal_.save(entry_);
}

TaskInfo Job::submit(Gateway& gateway, ResolvedRequest& resolved) {
    for (;;) {
        try {
            TaskInfo task = gateway.submit(resolved);
            permit_.accepted();
            sizes_->accepted();
            cached_references_.clear();  // their bytes are no longer needed
            return task;
        } catch (const Error& error) {
            if (!prepare_resubmit(gateway, error, resolved)) {
                journal_failure(error);
                throw;
            }
            journal_request(resolved, JobStage::submitting);
        }
    }
}

bool Job::prepare_resubmit(Gateway& gateway, const Error& error, ResolvedRequest& resolved) {
    try {
        // A 400 about the size created nothing: once, the other dialect.
        if (sizes_->switch_after(error)) {
            resolved.size = sizes_->current();
            return true;
        }
        // An upload URL from the cache may have expired on the server: once, fresh ones.
        return error.code() == "invalid_reference_images" && renew_cached_references(gateway, resolved);
    } catch (const Error& upload_failure) {
        journal_failure(upload_failure);
        throw;
    }
}

// Nothing was created unless the outcome is unknown; either way the entry
// records what happened and is never submitted again.
void Job::journal_failure(const Error& failure) {
    entry_.stage = failure.status() == GENLAYER_OUTCOME_UNKNOWN ? JobStage::outcome_unknown : JobStage::failed;
    entry_.error = failure.what();
    journal_.save(entry_);
}

std::vector<std::string> Job::upload_references(Gateway& gateway, const GenerationRequest& request,
                                                const SizeSpec& size) {
    const auto prepare_started = clock_->now();
    const ReferenceLimits limits{uint32_t(size.reference_edge), kUploadLimitBytes};
    std::vector<EncodedImage> encoded;
    if (request.reference) encoded.push_back(prepare_reference(view_of(*request.reference), limits));
    std::vector<std::string> urls;
    for (const auto& reference : request.extra_references) {
        if (parse_url(reference)) continue;  // an http(s) URL goes as it is
        const auto pixels = read_image_file(reference, {}, limits.max_long_edge);
        encoded.push_back(prepare_reference(view_of(pixels), limits));
    }
    time_stage("prepare_s", prepare_started);

    const auto upload_started = clock_->now();
    for (size_t i = 0; i < encoded.size(); ++i) {
        set_state(GENLAYER_JOB_UPLOADING, kUploadedFraction * double(i) / double(encoded.size()));
        urls.push_back(upload_once(gateway, encoded[i], i));
    }
    for (const auto& reference : request.extra_references)
        if (parse_url(reference)) urls.push_back(reference);
    time_stage("upload_s", upload_started);
    return urls;
}

std::string Job::upload_once(Gateway& gateway, const EncodedImage& image, size_t index) {
    if (!config_.upload_cache) return gateway.upload(image).url;
    std::string digest = sha256_hex(image.bytes);
    bool uploaded = false;
    std::string url = config_.upload_cache->url_for(digest, [&] {
        uploaded = true;
        return gateway.upload(image).url;
    });
    if (!uploaded) cached_references_.push_back({index, std::move(digest), image});
    return url;
}

bool Job::renew_cached_references(Gateway& gateway, ResolvedRequest& resolved) {
    if (references_renewed_ || cached_references_.empty()) return false;
    references_renewed_ = true;
    for (const auto& reference : cached_references_) {
        std::string& url = resolved.reference_urls.at(reference.index);
        url = config_.upload_cache->replace(reference.digest, url, [&] { return gateway.upload(reference.image).url; });
    }
    return true;
}

std::shared_ptr<Gateway> Job::make_gateway() {
    auto config = gateway_config(config_.settings, deadline_);
    if (config_.gate) config.on_rate_limited = [gate = config_.gate] { gate->rate_limited(); };
    if (config_.make_gateway) return config_.make_gateway(std::move(config), cancel_);
    return std::make_shared<GatewayClient>(std::move(config), cancel_);
}

void Job::run_collection(const std::string& task_id) {
    const auto connection = make_gateway();
    Gateway& gateway = *connection;
    if (auto known = journal_.find_task(task_id)) {
        entry_ = std::move(*known);
    } else {
        entry_.job_id = Journal::new_job_id();
        entry_.created_at = unix_now();
        entry_.task_id = task_id;
        entry_.stage = JobStage::submitted;
        entry_.target = config_.target;
        journal_.save(entry_);
    }
    request_json_ = entry_.request;
    {
        std::lock_guard lock(mutex_);
        report_["task_id"] = task_id;
    }
    wait_and_download(gateway, entry_);
}

void Job::wait_and_download(Gateway& gateway, JournalEntry& entry) {
    const TaskInfo task = wait_for_task(gateway, entry.task_id);
    journal_outcome(entry, task);
    set_state(GENLAYER_JOB_DOWNLOADING, kWaitedFraction, 100);
    results_ = download_results(gateway, task);
    report_transfers(gateway.stats());
    finish(GENLAYER_JOB_DONE, GENLAYER_OK, "");
}

TaskInfo Job::wait_for_task(Gateway& gateway, const std::string& task_id) {
    const auto wait_started = clock_->now();
    PollSchedule schedule(config_.poll_mode);
    // A result in GIF (or CMYK JPEG) needs the module: its start passes while
    // the task runs, before the first poll.
    preload_image_file_module();
    TaskInfo task;
    int polls = 0;
    for (;;) {
        wait_for_poll(wait_started + duration_of(schedule.next_poll_at()), task_id);
        task = gateway.status(task_id);
        ++polls;
        if (task.status == TaskStatus::completed || task.status == TaskStatus::failed) break;
        schedule.observe(seconds_since(wait_started), task.progress);
        set_state(state_of(task.status),
                  kSubmittedFraction + (kWaitedFraction - kSubmittedFraction) * task.progress / 100.0, task.progress);
    }
    permit_.release();  // the task is final: its slot on the gateway is free
    time_stage("wait_s", wait_started);
    {
        std::lock_guard lock(mutex_);
        report_["status_polls"] = polls;
    }
    return task;
}

// A poll due at or after the deadline is not sent: the job waits until the
// deadline and times out.
void Job::wait_for_poll(Clock::time_point at, const std::string& task_id) {
    const bool in_time = at < deadline_;
    if (!clock_->wait_until(in_time ? at : deadline_)) throw Error(GENLAYER_CANCELLED, cancelled_sentence());
    if (!in_time)
        throw Error(GENLAYER_TIMEOUT, "The task " + task_id +
                                          " did not finish in time; it keeps running on the server, "
                                          "so collect it later with `genlayer resume`.");
}

void Job::journal_outcome(JournalEntry& entry, const TaskInfo& task) {
    if (task.status == TaskStatus::failed) {
        const auto error = error_from_failed_task(task);
        entry.stage = JobStage::failed;
        entry.error = error.what();
        journal_.save(entry);
        throw error;
    }
    if (task.results.empty())
        throw Error(GENLAYER_BAD_RESPONSE, "The gateway reported the task complete but sent no image.");

    entry.stage = JobStage::completed;
    entry.expires_at = task.expires_at;
    entry.result_urls.clear();
    for (const auto& item : task.results)
        if (!item.url.empty()) entry.result_urls.push_back(item.url);
    journal_.save(entry);
}

std::vector<RgbaImage> Job::download_results(Gateway& gateway, const TaskInfo& task) {
    double download_s = 0, decode_s = 0, history_s = 0;
    std::vector<RgbaImage> images;
    // One time for all of a task's variations: the history lists them in
    // index order, whichever millisecond each one was saved in.
    const long long received_ms = unix_now_ms();
    for (size_t i = 0; i < task.results.size(); ++i) {
        const auto& item = task.results[i];
        auto started = clock_->now();
        std::vector<uint8_t> bytes;
        if (!item.url.empty()) {
            bytes = gateway.download(item.url, config_.max_download_bytes);
        } else if (auto decoded = decode_base64(item.b64_json)) {
            bytes = std::move(*decoded);
        } else {
            throw Error(GENLAYER_BAD_RESPONSE, "The gateway sent an image whose base64 text is corrupt.");
        }
        download_s += seconds_since(started);
        started = clock_->now();
        images.push_back(decode_image(bytes, config_.decode_limits));
        decode_s += seconds_since(started);
        started = clock_->now();
        record_in_history(bytes, images.back(), int(i), received_ms);
        history_s += seconds_since(started);
        set_state(GENLAYER_JOB_DOWNLOADING,
                  kWaitedFraction + (1 - kWaitedFraction) * double(i + 1) / double(task.results.size()), 100);
    }
    std::lock_guard lock(mutex_);
    report_["stages"]["download_s"] = download_s;
    report_["stages"]["decode_s"] = decode_s;
    report_["stages"]["history_s"] = history_s;
    return images;
}

void Job::record_in_history(std::span<const uint8_t> bytes, const RgbaImage& image, int index, long long received_ms) {
    if (!history_) return;
    HistoryRecord record;
    // A task collected by id alone has no request in the journal.
    const auto asked = [this](const char* field) {
        return request_json_.is_object() ? request_json_.value(field, "") : std::string();
    };
    record.prompt = asked("prompt");
    record.model = asked("model");
    record.size = asked("size");
    record.resolution = asked("resolution");
    record.size_dialect = entry_.size_dialect;
    record.task_id = entry_.task_id;
    record.index = index;
    record.created_at = received_ms / 1000;
    record.created_ms = received_ms;
    record.cost_usd = kPricePerImageUsd;
    record.target = config_.target;
    try {
        const auto entry = history_->save(bytes, view_of(image), record);
        std::lock_guard lock(mutex_);
        report_["history"].push_back(entry.id);
    } catch (const std::exception& error) {
        std::lock_guard lock(mutex_);
        report_["history_error"] = error.what();
    }
}

void Job::report_transfers(const TransferStats& stats) {
    std::lock_guard lock(mutex_);
    report_["bytes_uploaded"] = stats.bytes_uploaded;
    report_["bytes_downloaded"] = stats.bytes_downloaded;
    report_["requests"] = stats.requests;
    report_["retries"] = stats.retries;
    report_["rate_limited"] = stats.rate_limited;
}

void Job::set_state(genlayer_job_state state, double fraction, int server_percent) {
    {
        std::lock_guard lock(mutex_);
        snapshot_.state = state;
        snapshot_.fraction = fraction;
        if (server_percent >= 0) snapshot_.server_percent = server_percent;
    }
    changed_.notify();
}

void Job::finish(genlayer_job_state state, Status status, std::string message, bool local_file_fault) {
    permit_.release();
    {
        std::lock_guard lock(mutex_);
        snapshot_.state = state;
        snapshot_.status = status;
        snapshot_.local_file_fault = local_file_fault;
        snapshot_.message = std::move(message);
        if (state == GENLAYER_JOB_DONE) snapshot_.fraction = 1;
        report_["elapsed_s"] = seconds_since(started_);
    }
    finished_cv_.notify_all();
    changed_.notify();
}

std::string Job::cancelled_sentence() const {
    // Not journaled, or journaled as failed: the submit was never sent.
    if (entry_.job_id.empty() || (entry_.stage == JobStage::failed && entry_.task_id.empty()))
        return "Cancelled before the task was submitted; nothing was billed.";
    if (entry_.task_id.empty())  // submitting, or sent with its outcome unknown
        return "Cancelled while submitting; if the task was created it is kept in the journal, see `genlayer jobs`.";
    return "Cancelled; the task " + entry_.task_id +
           " keeps running on the server and can be collected later (Recover Generations or `genlayer resume`).";
}

void Job::time_stage(const char* name, Clock::time_point since) {
    std::lock_guard lock(mutex_);
    report_["stages"][name] = seconds_since(since);
}

double Job::seconds_since(Clock::time_point since) const {
    return std::chrono::duration<double>(clock_->now() - since).count();
}

JobSnapshot Job::snapshot() const {
    std::lock_guard lock(mutex_);
    JobSnapshot copy = snapshot_;
    copy.elapsed_s = seconds_since(started_);
    return copy;
}

bool Job::finished() const {
    std::lock_guard lock(mutex_);
    return is_final_state(snapshot_.state);
}

void Job::cancel() { cancel_->cancel(); }

void Job::wait() {
    std::unique_lock lock(mutex_);
    finished_cv_.wait(lock, [this] { return is_final_state(snapshot_.state); });
}

bool Job::wait_for(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    return finished_cv_.wait_for(lock, timeout, [this] { return is_final_state(snapshot_.state); });
}

nlohmann::json Job::report() const {
    std::lock_guard lock(mutex_);
    return report_;
}

void Job::mark_collected(const nlohmann::json& outputs) {
    if (entry_.job_id.empty()) return;
    entry_.stage = JobStage::collected;
    if (!outputs.is_null()) entry_.target["outputs"] = outputs;
    journal_.save(entry_);
}

}  // namespace genlayer
