/*
 * genlayer — the C API of the genlayer core.
 *
 * What it is: an in-process API. Each GIMP shim links the core statically
 * and includes only this header; the CLI lives inside the core (core/cli)
 * and is not a host of this header. A GIMP plug-in is installed as one
 * folder copied into a profile, so it carries the core it was built with:
 * there is no second copy of the core to load and no version skew to detect
 * at run time. The rules below would still hold if the core were one day
 * shipped as a shared library for other hosts, which is why structs carry
 * their size and every function names its thread.
 *
 * Rules:
 *  - C99; compiles as C and as C++ (a test does both with -Wall -Wextra -pedantic).
 *  - Handles are typed and opaque. A handle is used from one thread at a time
 *    unless a function is tagged [any-thread].
 *  - Every struct that crosses the boundary starts with `struct_size`; the
 *    host sets it to sizeof(the struct), and the core reads and writes no
 *    byte beyond it. Struct fields are fixed-width integers, never enums,
 *    so their layout does not depend on the compiler's choice of enum size.
 *  - Every function that can fail returns a genlayer_status; the sentence that
 *    explains a failure is read with the handle's message getter.
 *  - No function lets a C++ exception out: each catches everything and turns
 *    it into a status (or, for getters, a safe empty value) plus a sentence.
 *  - Strings are UTF-8. A string returned by the core is owned by the core and
 *    stays valid until the next call on the same handle (or its destruction).
 *  - No function blocks on the network. genlayer_job_start returns at once,
 *    genlayer_job_poll never waits, genlayer_job_cancel aborts a transfer in
 *    flight within 100 ms.
 *
 * Thread tags: [main-thread] means "the host thread that owns the handle";
 * [any-thread] means callable concurrently from any thread.
 */
#ifndef GENLAYER_GENLAYER_H
#define GENLAYER_GENLAYER_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Bumped when a function's meaning changes or one is removed; adding a
 * function or growing a struct at its end does not bump it. A host checks it
 * at compile time (#if GENLAYER_API_VERSION < …). */
#define GENLAYER_API_VERSION 2u

typedef enum genlayer_status {
    GENLAYER_OK = 0,
    GENLAYER_CANCELLED = 1,        /* the host cancelled; a submitted task stays collectable */
    GENLAYER_INVALID_REQUEST = 2,  /* bad prompt, size, n or reference; nothing was sent */
    GENLAYER_AUTH = 3,             /* missing or refused API key */
    GENLAYER_QUOTA = 4,            /* balance exhausted */
    GENLAYER_RATE_LIMITED = 5,     /* 429 persisted through every retry */
    GENLAYER_CONTENT_POLICY = 6,   /* prompt or image refused */
    GENLAYER_NETWORK = 7,          /* connection failed or dropped */
    GENLAYER_TIMEOUT = 8,          /* the overall deadline passed */
    GENLAYER_BAD_RESPONSE = 9,     /* the server answered something unreadable */
    GENLAYER_EXPIRED = 10,         /* the result URL expired before it was collected */
    GENLAYER_TASK_FAILED = 11,     /* the task ran and failed on the server */
    GENLAYER_NOT_FOUND = 12,       /* unknown task id or history entry */
    GENLAYER_OUTCOME_UNKNOWN = 13, /* a submit may or may not have created a task */
    GENLAYER_INTERNAL = 14         /* a bug or an unexpected local failure */
} genlayer_status;

/* Where a job is; genlayer_job_state_is_final tells the final ones. */
typedef enum genlayer_job_state {
    GENLAYER_JOB_PREPARING = 0, /* encoding the reference */
    GENLAYER_JOB_UPLOADING = 1,
    GENLAYER_JOB_SUBMITTING = 2,
    GENLAYER_JOB_QUEUED = 3, /* the task exists on the server */
    GENLAYER_JOB_RUNNING = 4,
    GENLAYER_JOB_DOWNLOADING = 5,
    GENLAYER_JOB_DONE = 6,
    GENLAYER_JOB_FAILED = 7,
    GENLAYER_JOB_CANCELLED = 8
} genlayer_job_state;

typedef struct genlayer_client genlayer_client;
typedef struct genlayer_job genlayer_job;

/* [any-thread] A short English name of a status, e.g. "RATE_LIMITED". */
const char* genlayer_status_name(genlayer_status status);

/* [any-thread] 1 for DONE, FAILED and CANCELLED (a genlayer_job_state), else 0. */
int genlayer_job_state_is_final(uint32_t state);

/* ---- Limits: what the gateway accepts and this project's defaults ------- */

typedef struct genlayer_limits {
    uint32_t struct_size;
    uint32_t max_prompt_chars; /* UTF-8 code points */
    uint32_t min_images;       /* the range of genlayer_request.n */
    uint32_t max_images;
    uint32_t max_references;    /* the source region and extra references together */
    double price_per_image_usd; /* the cost shown before a generation is n times this */
    double default_timeout_s;   /* one job's deadline when none is given */
    const char* default_model;  /* static */
} genlayer_limits;

/* [any-thread] Fills *limits (up to its struct_size). */
void genlayer_get_limits(genlayer_limits* limits);

/* ---- Client: settings and the connection to the gateway ---------------- */

typedef struct genlayer_client_options {
    uint32_t struct_size;
    /* Each NULL (or 0) field falls back to the environment (TOAPIS_API_KEY,
     * TOAPIS_BASE_URL), then to $XDG_CONFIG_HOME/genlayer/config.json, then
     * to the built-in default. */
    const char* api_key;
    const char* base_url;    /* default https://toapis.com */
    double timeout_s;        /* overall deadline of one job; default 300 */
    const char* journal_dir; /* default $XDG_STATE_HOME/genlayer/journal */
    /* Every image a job downloads is saved here before the job is DONE
     * (see genlayer_client_history_json). Default
     * $XDG_DATA_HOME/genlayer/history; its size limit is history_max_mb in
     * the config file or GENLAYER_HISTORY_MAX_MB (default 2048). */
    const char* history_dir;
    uint32_t no_history; /* 1: this client's jobs record nothing */
} genlayer_client_options;

/* [main-thread] Reads the settings and creates a client. Fails with
 * INVALID_REQUEST on a bad base URL (plain http to a non-loopback host) and
 * AUTH on a config file holding a key that others can read. On failure *out
 * is NULL and the sentence is read with genlayer_last_error_message(). */
genlayer_status genlayer_client_create(const genlayer_client_options* options, genlayer_client** out);

/* [main-thread] The failure sentence of the last genlayer_client_create on
 * this thread. */
const char* genlayer_last_error_message(void);

/* [main-thread] Destroys the client. Every job made from it must have been
 * destroyed first. */
void genlayer_client_destroy(genlayer_client* client);

/* [main-thread] 1 when an API key is configured, else 0. */
int genlayer_client_has_api_key(const genlayer_client* client);

/* [main-thread] Uses this key from now on; with remember != 0 also stores it
 * in the config file with mode 0600. */
genlayer_status genlayer_client_set_api_key(genlayer_client* client, const char* api_key, int remember);

/* [main-thread] The sentence explaining the last failure on this client. */
const char* genlayer_client_message(const genlayer_client* client);

/* ---- Images ------------------------------------------------------------- */

/* Straight (non-premultiplied) 8-bit RGBA, rows top to bottom. */
typedef struct genlayer_image {
    uint32_t struct_size;
    uint32_t width;
    uint32_t height;
    uint32_t stride; /* bytes from one row to the next, >= 4*width */
    const uint8_t* pixels;
} genlayer_image;

/* [any-thread] The size/resolution table built into the core, as the JSON
 * text of core/data/sizes.json ({"tiers": {"1024": ["1024x1024"], ...}}), so
 * a host's size menus offer exactly what the client accepts. The string is
 * static: it is never freed and never changes. */
const char* genlayer_size_table_json(void);

/* ---- Check: does the gateway answer, does the key work ------------------- */

typedef struct genlayer_check genlayer_check;

/* [main-thread] Starts `genlayer check` on a worker thread, for a dialog's
 * Test button: one request that costs nothing, the status of a task that
 * cannot exist (401: the key is refused; the gateway's 404: it works).
 * api_key is the key to check (a typed one, not yet given to the client);
 * NULL or "" checks the client's own. The check gives up after 20 s. */
genlayer_status genlayer_check_start(genlayer_client* client, const char* api_key, genlayer_check** out);

/* [main-thread] Never blocks: 1 once the check has its answer, else 0. */
int genlayer_check_is_done(const genlayer_check* check);

/* [main-thread] Once done: OK when the key works, AUTH when it is missing
 * or refused, NETWORK when the base URL does not answer like the gateway. */
genlayer_status genlayer_check_status(const genlayer_check* check);

/* [main-thread] Once done, three lines: "base URL: … answers" (or "does not
 * answer (…)"), "key: works" (or why not), "size dialect: pixels", "ratio"
 * or "unknown". "" before. */
const char* genlayer_check_report(genlayer_check* check);

/* [main-thread] Cancels the request in flight, waits for the worker (about
 * 100 ms at most) and frees the check. NULL is ignored. */
void genlayer_check_destroy(genlayer_check* check);

/* ---- Jobs: one generation, run on a worker thread ------------------------ */

typedef struct genlayer_request {
    uint32_t struct_size;
    const char* prompt;                  /* required, 1..max_prompt_chars characters */
    const char* model;                   /* NULL: the default model of genlayer_limits */
    const char* size;                    /* NULL or "auto": chosen from the reference's aspect */
    const char* resolution;              /* NULL or "auto": the smallest tier that fits */
    uint32_t n;                          /* min_images..max_images; 0 means 1 */
    const char* response_format;         /* NULL: "url"; or "b64_json" */
    const genlayer_image* reference;     /* pixels of the source region, or NULL */
    const char* const* extra_references; /* local files or http(s) URLs */
    uint32_t extra_reference_count;
    double timeout_s; /* 0: the client's */
    /* The host's own description of where the result goes (JSON object),
     * kept in the journal so the result can be collected after a crash. */
    const char* target_json;
} genlayer_request;

typedef struct genlayer_progress {
    uint32_t struct_size;
    uint32_t state;         /* a genlayer_job_state */
    int32_t server_percent; /* the task's progress 0..100, -1 before submit */
    double fraction;        /* 0..1, an estimate of the whole job */
    double elapsed_s;
} genlayer_progress;

/* [main-thread] Validates the request and starts its job on a worker thread.
 * A request refused locally (bad size pair, prompt too long, n out of range,
 * a base64 or local-path string where a URL belongs) fails here with
 * INVALID_REQUEST and sends nothing; *out is then NULL and the sentence is
 * read with genlayer_client_message(). The reference pixels are copied. */
genlayer_status genlayer_job_start(genlayer_client* client, const genlayer_request* request, genlayer_job** out);

/* [main-thread] Starts a job that collects an already submitted task:
 * polls it, downloads and decodes its images. */
genlayer_status genlayer_job_collect(genlayer_client* client, const char* task_id, double timeout_s,
                                     genlayer_job** out);

/* [main-thread] Never blocks. Fills *progress (up to its struct_size);
 * returns OK, or INTERNAL when the core could not take a snapshot. */
genlayer_status genlayer_job_poll(genlayer_job* job, genlayer_progress* progress);

/* [main-thread] A file descriptor that turns readable whenever what
 * genlayer_job_poll reports has changed (the state, the fraction, the server's
 * percent, the task id), so a host can poll the job from its event loop
 * (poll, select, g_unix_fd_add) when it is told to, instead of on a timer.
 * genlayer_job_poll makes it unreadable again until the next change. Owned
 * by the job: valid until genlayer_job_destroy, which closes it; -1 for a
 * NULL job. */
int genlayer_job_wakeup_fd(genlayer_job* job);

/* [any-thread] Asks the job to stop; a transfer in flight is aborted within
 * 100 ms. A task already submitted keeps running on the server and stays in
 * the journal, to be collected later. */
void genlayer_job_cancel(genlayer_job* job);

/* [main-thread] The final status: OK when DONE, else the failure. Only
 * meaningful once the state is final. */
genlayer_status genlayer_job_status(genlayer_job* job);

/* [main-thread] The sentence explaining a failed or cancelled job. */
const char* genlayer_job_message(genlayer_job* job);

/* [main-thread] The server's task id, or NULL before the submit answered. */
const char* genlayer_job_task_id(genlayer_job* job);

/* [main-thread] The model, size and resolution actually requested, as JSON
 * (for the host's metadata); valid once the state is QUEUED or later. */
const char* genlayer_job_request_json(genlayer_job* job);

/* [main-thread] A JSON report of the job so far: task_id, the time of each
 * stage (prepare_s, upload_s, submit_s, wait_s, download_s, decode_s), bytes
 * uploaded and downloaded, requests, retries, 429 answers, status polls. */
const char* genlayer_job_report_json(genlayer_job* job);

/* [main-thread] Number of result images once DONE, else 0. */
uint32_t genlayer_job_result_count(genlayer_job* job);

/* [main-thread] Result `index` as RGBA8; the pixels belong to the job. */
genlayer_status genlayer_job_result(genlayer_job* job, uint32_t index, genlayer_image* out);

/* [main-thread] Marks the job's results as safely delivered, so the journal
 * entry becomes "collected". Call after inserting or writing the images. */
genlayer_status genlayer_job_mark_collected(genlayer_job* job);

/* [main-thread] Cancels if needed, waits for the worker to stop (at most
 * about 100 ms) and frees the job. NULL is ignored. */
void genlayer_job_destroy(genlayer_job* job);

/* [main-thread] The jobs of the client's journal, oldest first, as a JSON
 * array of objects, so a host can offer to recover what a crash or a kill
 * left behind: task_id ("" while the submit's answer is unknown), stage
 * ("submitting", "outcome_unknown", "submitted", "completed", "collected",
 * "failed"), created_at and expires_at (unix seconds, 0 if unknown),
 * collectable (true while genlayer_job_collect can still fetch the result),
 * request (prompt, model, size, resolution, n as sent) and target (the
 * host's target_json). Never the key. "[]" when the journal is empty or
 * cannot be read (the sentence is then read with genlayer_client_message). */
const char* genlayer_client_journal_json(genlayer_client* client);

/* ---- History: every image the jobs downloaded, without the gateway ------- */

/* One entry of the history. The strings belong to the client and stay valid
 * until the next call on it. */
typedef struct genlayer_history_entry {
    uint32_t struct_size;
    uint32_t width;
    uint32_t height;
    uint32_t index;             /* among the task's variations, from 0 */
    uint32_t kept;              /* 1: never evicted */
    int64_t created_at;         /* unix seconds */
    const char* id;             /* 16 hex digits of the SHA-256 of the image bytes */
    const char* image_path;     /* the image file, bytes as the gateway sent them */
    const char* thumbnail_path; /* a PNG, 256 px on the long edge */
    /* The whole entry as JSON: id, prompt, model, size, resolution,
     * size_dialect, task_id, index, created_at, cost_usd, target (the host's
     * target_json), width, height, kept, path, thumbnail. Never the key. */
    const char* metadata_json;
} genlayer_history_entry;

/* [main-thread] The history's entries, newest first, as a JSON array of the
 * objects metadata_json describes: those whose prompt contains `search`
 * (NULL or "": all; ASCII case ignored), at most `limit` (0: all). "[]" when
 * there are none or the history cannot be read (the sentence is then read
 * with genlayer_client_message). Nothing is sent to the gateway. */
const char* genlayer_client_history_json(genlayer_client* client, const char* search, uint32_t limit);

/* [main-thread] Fills *out (up to its struct_size) with the entry whose id
 * is `id`, or the one id starting with it (4 digits or more). NOT_FOUND,
 * with a sentence, when none or several match. */
genlayer_status genlayer_client_history_entry(genlayer_client* client, const char* id, genlayer_history_entry* out);

/* [main-thread] The entry's image decoded to RGBA8, for a host that inserts
 * it; the pixels belong to the client until the next call on it. NOT_FOUND
 * as above; BAD_RESPONSE when the file is no longer a readable image. */
genlayer_status genlayer_client_history_image(genlayer_client* client, const char* id, genlayer_image* out);

#ifdef __cplusplus
}
#endif

#endif /* GENLAYER_GENLAYER_H */
