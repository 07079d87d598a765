// The extern "C" trampolines of genlayer.h: each catches everything, and
// turns an exception into a status (or a getter's safe empty value) plus a
// stored sentence. None may let an exception reach a C host.
#include <genlayer/genlayer.h>

#include "base/status.hpp"
#include "gateway/limits.hpp"
#include "gateway/settings.hpp"
#include "history/history_search.hpp"
#include "history/history_store.hpp"
#include "image/image_codec.hpp"
#include "jobs/background_check.hpp"
#include "jobs/job.hpp"
#include "jobs/journal.hpp"

#include <cstring>
#include <string>

namespace {

// Room for any sentence, reserved up front, so that the sentence of a failed
// allocation can still be stored without allocating.
constexpr size_t kMessageCapacity = 512;

std::string message_buffer() {
    std::string message;
    message.reserve(kMessageCapacity);
    return message;
}

}  // namespace

struct genlayer_client {
    genlayer::Settings settings;
    std::string message = message_buffer();
    std::string journal_json;  // keeps the last genlayer_client_journal_json alive
    // Keep what the history calls hand out alive.
    std::string history_json;
    std::string history_metadata;
    genlayer::HistoryEntry history_entry;
    std::string history_image_path;
    std::string history_thumbnail_path;
    genlayer::RgbaImage history_image;
};

struct genlayer_job {
    std::unique_ptr<genlayer::Job> job;
    genlayer::JobSnapshot last;  // keeps the strings handed out alive
    std::string request_json;
    std::string report_json;
    std::string message = message_buffer();  // a failure of an ABI call itself (e.g. mark_collected)
};

struct genlayer_check {
    std::unique_ptr<genlayer::BackgroundCheck> check;
    std::string report;  // keeps what genlayer_check_report hands out alive
    std::string message = message_buffer();
};

namespace {

thread_local std::string last_error_message = message_buffer();

// Stores the sentence of the exception being handled. Building a sentence
// may itself fail for want of memory; the message is then left empty.
genlayer_status failure_of_current_exception(std::string& message) noexcept {
    try {
        throw;
    } catch (const genlayer::Error& error) {
        try {
            message = error.what();
        } catch (...) {
            message.clear();
        }
        return error.status();
    } catch (const std::bad_alloc&) {
        // Fits the reserved capacity: assigning it allocates nothing.
        try {
            message = "The computer ran out of memory; close other images and try again.";
        } catch (...) {}
        return GENLAYER_INTERNAL;
    } catch (const std::exception& error) {
        try {
            message = std::string("An unexpected error occurred (") + error.what() + ").";
        } catch (...) {
            message.clear();
        }
        return GENLAYER_INTERNAL;
    } catch (...) {
        try {
            message = "An unexpected error occurred.";
        } catch (...) {
            message.clear();
        }
        return GENLAYER_INTERNAL;
    }
}

// Runs `body`, storing the sentence of any failure in `message`.
template <class Body>
genlayer_status guarded(std::string& message, Body&& body) noexcept {
    try {
        body();
        message.clear();
        return GENLAYER_OK;
    } catch (...) {
        return failure_of_current_exception(message);
    }
}

// For getters: the value of `body`, or `fallback` when it throws (the
// sentence is kept in `message`).
template <class Value, class Body>
Value guarded_or(Value fallback, std::string& message, Body&& body) noexcept {
    try {
        return body();
    } catch (...) {
        failure_of_current_exception(message);
        return fallback;
    }
}

// A struct from the host is read only up to the size the host says it has,
// so a host built against an older, shorter struct still works.
template <class Struct>
Struct read_struct(const Struct* from) {
    Struct copy{};
    if (from) std::memcpy(&copy, from, std::min<size_t>(from->struct_size, sizeof(Struct)));
    copy.struct_size = sizeof(Struct);
    return copy;
}

// Fills a host's struct only up to the size the host says it has.
template <class Struct>
void write_struct(Struct* to, const Struct& filled) {
    std::memcpy(to, &filled, std::min<size_t>(to->struct_size, sizeof(Struct)));
}

std::string text(const char* value) { return value ? value : ""; }

genlayer::JobConfig job_config(const genlayer_client& client, double timeout_s, const char* target_json) {
    genlayer::JobConfig config;
    config.settings = client.settings;
    config.timeout_s = timeout_s;
    if (target_json && *target_json) {
        try {
            config.target = nlohmann::json::parse(target_json);
        } catch (const std::exception&) {
            throw genlayer::Error(GENLAYER_INVALID_REQUEST, "The job's target description is not valid JSON.");
        }
    }
    return config;
}

genlayer::HistoryStore history_of(const genlayer_client& client) {
    return {client.settings.history_dir, client.settings.history_max_bytes};
}

genlayer::RgbaImage copy_pixels(const genlayer_image& image) {
    const auto view = read_struct(&image);
    if (!view.pixels || view.width == 0 || view.height == 0 || view.stride < view.width * 4u)
        throw genlayer::Error(GENLAYER_INVALID_REQUEST, "The reference image is empty or its row stride is too small.");
    genlayer::RgbaImage copy(view.width, view.height);
    for (uint32_t y = 0; y < view.height; ++y)
        std::memcpy(copy.row(y), view.pixels + size_t(y) * view.stride, copy.row_bytes());
    return copy;
}

}  // namespace

extern "C" {

int genlayer_job_state_is_final(uint32_t state) { return genlayer::is_final_state(state) ? 1 : 0; }

void genlayer_get_limits(genlayer_limits* limits) {
    if (!limits) return;
    genlayer_limits filled{};
    filled.struct_size = sizeof filled;
    filled.max_prompt_chars = uint32_t(genlayer::kMaxPromptChars);
    filled.min_images = uint32_t(genlayer::kMinImages);
    filled.max_images = uint32_t(genlayer::kMaxImages);
    filled.max_references = uint32_t(genlayer::kMaxReferences);
    filled.price_per_image_usd = genlayer::kPricePerImageUsd;
    filled.default_timeout_s = genlayer::kDefaultTimeoutS;
    filled.default_model = genlayer::kDefaultModel;
    write_struct(limits, filled);
}

const char* genlayer_status_name(genlayer_status status) {
    switch (status) {
        case GENLAYER_OK: return "OK";
        case GENLAYER_CANCELLED: return "CANCELLED";
        case GENLAYER_INVALID_REQUEST: return "INVALID_REQUEST";
        case GENLAYER_AUTH: return "AUTH";
        case GENLAYER_QUOTA: return "QUOTA";
        case GENLAYER_RATE_LIMITED: return "RATE_LIMITED";
        case GENLAYER_CONTENT_POLICY: return "CONTENT_POLICY";
        case GENLAYER_NETWORK: return "NETWORK";
        case GENLAYER_TIMEOUT: return "TIMEOUT";
        case GENLAYER_BAD_RESPONSE: return "BAD_RESPONSE";
        case GENLAYER_EXPIRED: return "EXPIRED";
        case GENLAYER_TASK_FAILED: return "TASK_FAILED";
        case GENLAYER_NOT_FOUND: return "NOT_FOUND";
        case GENLAYER_OUTCOME_UNKNOWN: return "OUTCOME_UNKNOWN";
        case GENLAYER_INTERNAL: return "INTERNAL";
    }
    return "UNKNOWN";
}

genlayer_status genlayer_client_create(const genlayer_client_options* options, genlayer_client** out) {
    if (!out) return GENLAYER_INVALID_REQUEST;
    *out = nullptr;
    return guarded(last_error_message, [&] {
        const auto opts = read_struct(options);
        genlayer::SettingsOverrides overrides;
        if (opts.api_key && *opts.api_key) overrides.api_key = opts.api_key;
        if (opts.base_url && *opts.base_url) overrides.base_url = opts.base_url;
        if (opts.timeout_s > 0) overrides.timeout_s = opts.timeout_s;
        if (opts.journal_dir && *opts.journal_dir) overrides.journal_dir = opts.journal_dir;
        if (opts.history_dir && *opts.history_dir) overrides.history_dir = opts.history_dir;
        overrides.no_history = opts.no_history != 0;
        auto client = std::make_unique<genlayer_client>();
        client->settings = genlayer::load_settings(overrides);
        *out = client.release();
    });
}

const char* genlayer_last_error_message(void) { return last_error_message.c_str(); }

void genlayer_client_destroy(genlayer_client* client) { delete client; }

int genlayer_client_has_api_key(const genlayer_client* client) {
    return client && !client->settings.api_key.empty() ? 1 : 0;
}

genlayer_status genlayer_client_set_api_key(genlayer_client* client, const char* api_key, int remember) {
    if (!client) return GENLAYER_INVALID_REQUEST;
    return guarded(client->message, [&] {
        const std::string key = text(api_key);
        if (key.empty())
            throw genlayer::Error(GENLAYER_AUTH, "The API key is empty; paste the key from the ToAPIs console.");
        if (remember) genlayer::store_api_key(client->settings.config_file, key);
        client->settings.api_key = key;
    });
}

const char* genlayer_client_message(const genlayer_client* client) { return client ? client->message.c_str() : ""; }

const char* genlayer_size_table_json(void) {
    return
#include "size_table_data.inc"
        ;
}

genlayer_status genlayer_check_start(genlayer_client* client, const char* api_key, genlayer_check** out) {
    if (!client || !out) return GENLAYER_INVALID_REQUEST;
    *out = nullptr;
    return guarded(client->message, [&] {
        genlayer::Settings settings = client->settings;
        if (api_key && *api_key) settings.api_key = api_key;
        auto handle = std::make_unique<genlayer_check>();
        handle->check = std::make_unique<genlayer::BackgroundCheck>(std::move(settings));
        *out = handle.release();
    });
}

int genlayer_check_is_done(const genlayer_check* check) { return check && check->check->done() ? 1 : 0; }

genlayer_status genlayer_check_status(const genlayer_check* check) {
    if (!genlayer_check_is_done(check)) return GENLAYER_INVALID_REQUEST;
    return check->check->result().status;
}

const char* genlayer_check_report(genlayer_check* check) {
    if (!genlayer_check_is_done(check)) return "";
    return guarded_or("", check->message, [&] {
        check->report = check->check->result().report();
        return check->report.c_str();
    });
}

void genlayer_check_destroy(genlayer_check* check) { delete check; }

genlayer_status genlayer_job_start(genlayer_client* client, const genlayer_request* request, genlayer_job** out) {
    if (!client || !out) return GENLAYER_INVALID_REQUEST;
    *out = nullptr;
    return guarded(client->message, [&] {
        const auto req = read_struct(request);
        genlayer::GenerationRequest generation;
        generation.prompt = text(req.prompt);
        if (req.model && *req.model) generation.model = req.model;
        if (req.size && *req.size) generation.size = req.size;
        if (req.resolution && *req.resolution) generation.resolution = req.resolution;
        generation.n = req.n == 0 ? 1 : int(std::min<uint32_t>(req.n, 1000));
        if (req.response_format && *req.response_format) generation.response_format = req.response_format;
        if (req.reference) generation.reference = copy_pixels(*req.reference);
        for (uint32_t i = 0; i < req.extra_reference_count && req.extra_references; ++i)
            generation.extra_references.push_back(text(req.extra_references[i]));
        auto handle = std::make_unique<genlayer_job>();
        handle->job =
            genlayer::Job::generate(std::move(generation), job_config(*client, req.timeout_s, req.target_json));
        *out = handle.release();
    });
}

genlayer_status genlayer_job_collect(genlayer_client* client, const char* task_id, double timeout_s,
                                     genlayer_job** out) {
    if (!client || !out) return GENLAYER_INVALID_REQUEST;
    *out = nullptr;
    return guarded(client->message, [&] {
        auto handle = std::make_unique<genlayer_job>();
        handle->job = genlayer::Job::collect(text(task_id), job_config(*client, timeout_s, nullptr));
        *out = handle.release();
    });
}

genlayer_status genlayer_job_poll(genlayer_job* job, genlayer_progress* progress) {
    if (!job) return GENLAYER_INVALID_REQUEST;
    return guarded(job->message, [&] {
        // Cleared before the snapshot: a change after it signals again.
        job->job->clear_wakeup();
        job->last = job->job->snapshot();
        if (!progress) return;
        genlayer_progress filled{};
        filled.struct_size = sizeof filled;
        filled.state = job->last.state;
        filled.server_percent = job->last.server_percent;
        filled.fraction = job->last.fraction;
        filled.elapsed_s = job->last.elapsed_s;
        write_struct(progress, filled);
    });
}

int genlayer_job_wakeup_fd(genlayer_job* job) { return job ? job->job->wakeup_fd() : -1; }

void genlayer_job_cancel(genlayer_job* job) {
    if (job) job->job->cancel();  // sets an atomic flag: cannot throw
}

genlayer_status genlayer_job_status(genlayer_job* job) {
    if (!job) return GENLAYER_INVALID_REQUEST;
    genlayer_status status = GENLAYER_OK;
    const auto failed = guarded(job->message, [&] {
        job->last = job->job->snapshot();
        if (genlayer::is_final_state(job->last.state)) status = job->last.status;
    });
    return failed != GENLAYER_OK ? failed : status;
}

const char* genlayer_job_message(genlayer_job* job) {
    if (!job) return "";
    if (!job->message.empty()) return job->message.c_str();
    return guarded_or("", job->message, [&] {
        job->last = job->job->snapshot();
        return job->last.message.c_str();
    });
}

const char* genlayer_job_task_id(genlayer_job* job) {
    if (!job) return nullptr;
    return guarded_or<const char*>(nullptr, job->message, [&]() -> const char* {
        job->last = job->job->snapshot();
        return job->last.task_id.empty() ? nullptr : job->last.task_id.c_str();
    });
}

const char* genlayer_job_request_json(genlayer_job* job) {
    if (!job) return "{}";
    return guarded_or("{}", job->message, [&] {
        if (job->job->snapshot().state < GENLAYER_JOB_QUEUED) return "{}";
        job->request_json = job->job->request_json().dump();
        return job->request_json.c_str();
    });
}

const char* genlayer_job_report_json(genlayer_job* job) {
    if (!job) return "{}";
    return guarded_or("{}", job->message, [&] {
        job->report_json = job->job->report().dump();
        return job->report_json.c_str();
    });
}

uint32_t genlayer_job_result_count(genlayer_job* job) {
    if (!job) return 0;
    return guarded_or(0u, job->message, [&] {
        return job->job->snapshot().state == GENLAYER_JOB_DONE ? uint32_t(job->job->results().size()) : 0u;
    });
}

genlayer_status genlayer_job_result(genlayer_job* job, uint32_t index, genlayer_image* out) {
    if (!job || !out || index >= genlayer_job_result_count(job)) return GENLAYER_INVALID_REQUEST;
    const auto& image = job->job->results()[index];
    write_struct(out, genlayer_image{sizeof(genlayer_image), image.width, image.height, uint32_t(image.row_bytes()),
                                     image.pixels.data()});
    return GENLAYER_OK;
}

genlayer_status genlayer_job_mark_collected(genlayer_job* job) {
    if (!job) return GENLAYER_INVALID_REQUEST;
    return guarded(job->message, [&] { job->job->mark_collected(); });
}

void genlayer_job_destroy(genlayer_job* job) { delete job; }

const char* genlayer_client_journal_json(genlayer_client* client) {
    if (!client) return "[]";
    const auto status = guarded(client->message, [&] {
        const genlayer::Journal journal(client->settings.journal_dir);
        const long long now = genlayer::unix_now();
        auto jobs = nlohmann::json::array();
        for (const auto& entry : journal.list())
            jobs.push_back({{"task_id", entry.task_id},
                            {"stage", genlayer::to_string(entry.stage)},
                            {"created_at", entry.created_at},
                            {"expires_at", entry.expires_at},
                            {"collectable", entry.collectable(now)},
                            {"request", entry.request},
                            {"target", entry.target}});
        client->journal_json = jobs.dump();
    });
    if (status != GENLAYER_OK) client->journal_json = "[]";
    return client->journal_json.c_str();
}

const char* genlayer_client_history_json(genlayer_client* client, const char* search, uint32_t limit) {
    if (!client) return "[]";
    const auto status = guarded(client->message, [&] {
        const auto store = history_of(*client);
        auto entries = nlohmann::json::array();
        for (const auto& entry : genlayer::search_history(store.list(), text(search), limit))
            entries.push_back(store.describe(entry));
        client->history_json = entries.dump();
    });
    if (status != GENLAYER_OK) client->history_json = "[]";
    return client->history_json.c_str();
}

genlayer_status genlayer_client_history_entry(genlayer_client* client, const char* id, genlayer_history_entry* out) {
    if (!client || !out) return GENLAYER_INVALID_REQUEST;
    return guarded(client->message, [&] {
        const auto store = history_of(*client);
        client->history_entry = store.find(text(id));
        const auto& entry = client->history_entry;
        client->history_metadata = store.describe(entry).dump();
        client->history_image_path = store.image_path(entry).string();
        client->history_thumbnail_path = store.thumbnail_path(entry).string();
        genlayer_history_entry filled{};
        filled.struct_size = sizeof filled;
        filled.width = entry.width;
        filled.height = entry.height;
        filled.index = uint32_t(entry.record.index);
        filled.kept = entry.kept ? 1 : 0;
        filled.created_at = entry.record.created_at;
        filled.id = entry.id.c_str();
        filled.image_path = client->history_image_path.c_str();
        filled.thumbnail_path = client->history_thumbnail_path.c_str();
        filled.metadata_json = client->history_metadata.c_str();
        write_struct(out, filled);
    });
}

genlayer_status genlayer_client_history_image(genlayer_client* client, const char* id, genlayer_image* out) {
    if (!client || !out) return GENLAYER_INVALID_REQUEST;
    return guarded(client->message, [&] {
        const auto store = history_of(*client);
        const auto entry = store.find(text(id));
        try {
            client->history_image = genlayer::read_image_file(store.image_path(entry).string());
        } catch (const genlayer::Error&) {
            throw genlayer::Error(GENLAYER_BAD_RESPONSE, "The history's image " + store.image_path(entry).string() +
                                                             " can no longer be read; forget the entry.");
        }
        const auto& image = client->history_image;
        write_struct(out, genlayer_image{sizeof(genlayer_image), image.width, image.height, uint32_t(image.row_bytes()),
                                         image.pixels.data()});
    });
}

}  // extern "C"
