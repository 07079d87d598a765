#include "gateway_options.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>

namespace genlayer::emulator {
namespace {

// Faults that take a count (or milliseconds); the option is the key with dashes.
constexpr std::string_view kNumericFaults[] = {
    "gen_ms",
    "fail_submits",
    "fail_submits_after_create",
    "fail_status",
    "rate_limit",
    "drop_downloads",
    "truncate_json",
    "malformed_json",
    "stall_tasks",
    "slow_downloads_ms",
    "slow_downloads",
    "hold_tasks",
    "hold_until_active",
    "hold_submits",
    "hold_downloads",
    "hold_status",
    "expire_uploads",
    "queue_ms",
    "queue_seed",
};

std::string option_of(std::string_view key) {
    std::string option = "--" + std::string(key);
    std::replace(option.begin(), option.end(), '_', '-');
    return option;
}

long long whole_number(const std::string& option, const std::string& text, long long max) {
    long long value = 0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc() || ptr != end || value < 0 || value > max)
        throw std::invalid_argument("The option " + option + " needs a whole number from 0 to " + std::to_string(max) +
                                    ", not \"" + text + "\".");
    return value;
}

}  // namespace

GatewayOptions parse_gateway_options(const std::vector<std::string>& args) {
    GatewayOptions options;
    for (size_t i = 0; i < args.size(); ++i) {
        std::string option = args[i];
        std::optional<std::string> inline_value;
        if (const size_t equals = option.find('='); option.starts_with("--") && equals != std::string::npos) {
            inline_value = option.substr(equals + 1);
            option.resize(equals);
        }
        const auto value = [&]() -> std::string {
            if (inline_value) return *inline_value;
            if (i + 1 >= args.size()) throw std::invalid_argument("The option " + option + " needs a value.");
            return args[++i];
        };
        const auto number = [&](long long max) { return whole_number(option, value(), max); };

        if (option == "--help" || option == "-h") {
            options.help = true;
        } else if (option == "--port") {
            options.port = int(number(65535));
        } else if (option == "--files-port") {
            options.files_port = int(number(65535));
        } else if (option == "--api-key") {
            options.api_key = value();
        } else if (option == "--max-active") {
            options.max_active = int(number(1'000'000));
        } else if (option == "--size-dialect") {
            const std::string text = value();
            const auto dialect = parse_size_dialect(text);
            if (!dialect)
                throw std::invalid_argument("The option --size-dialect takes pixels or ratio, not \"" + text + "\".");
            options.size_dialect = *dialect;
        } else if (option == "--result-size") {
            const std::string text = value();
            ImageSize size;
            if (!parse_size(text, size) || size.width > 16384 || size.height > 16384)
                throw std::invalid_argument("The option --result-size needs WxH up to 16384x16384, not \"" + text +
                                            "\".");
            options.result_size = size;
        } else if (option == "--result-ttl-s") {
            options.result_ttl_s = number(10'000'000'000LL);
        } else if (option == "--log") {
            options.log_path = value();
        } else if (option == "--expire-results") {
            options.faults["expire_results"] = true;
        } else if (const auto fault = std::find_if(std::begin(kNumericFaults), std::end(kNumericFaults),
                                                   [&](std::string_view key) { return option_of(key) == option; });
                   fault != std::end(kNumericFaults)) {
            options.faults[std::string(*fault)] = number(1'000'000'000);
        } else {
            throw std::invalid_argument("Unknown option " + option + "; run genlayer-gateway --help for the list.");
        }
    }
    return options;
}

const char* gateway_usage() {
    return R"(genlayer-gateway — an emulator of the ToAPIs image gateway (spec/gateway-api.md)

Usage: genlayer-gateway [options]

Both ports listen on 127.0.0.1. The first two lines on stdout are
"API <port>" and "FILES <port>". SIGTERM or SIGINT stops it cleanly.

  --port N               API port (default 0: a free port)
  --files-port N         port serving uploads and results (default 0: a free port)
  --api-key KEY          accept only this key (default: any non-empty Bearer key)
  --gen-ms N             generation time of a task in ms, from the submit to
                         completion (default 3000); queued for the first tenth,
                         then in_progress, progress rising evenly from 0
  --queue-ms N           the queue phase of every task, in ms (at most gen-ms)
  --queue-seed N         tasks behave as on a busy gateway: queued ("queued" or
                         "submitted", progress 0) for 0-50 % of gen-ms unless
                         --queue-ms fixes it, then progress rising at a rate
                         that changes every fifth of the running phase (0.7x to
                         1.3x the mean); drawn from N and the prompt, so equal
                         prompts run the same course
  --size-dialect D       the size dialect it accepts: pixels (default; size WxH,
                         resolution 1024/1536/2048) or ratio (size W:H, resolution
                         1K/2K/4K); the other is refused with 400 naming the size
  --max-active N         429 rate_limit_exceeded with Retry-After once a key has N
                         unfinished tasks (default 0: no limit)
  --result-size WxH      return images of this size whatever was requested
  --result-ttl-s N       seconds a result stays downloadable (default 86400)
  --log FILE             append every request as a JSON line
  -h, --help             this text

Faults (counts fire on the next N matching calls):
  --fail-submits N                503 internal_error, no task created
  --fail-submits-after-create N   task created, then 500 (outcome unknown)
  --fail-status N                 500 internal_error on status calls
  --rate-limit N                  429 with Retry-After: 1 on any API call
  --drop-downloads N              half the file, then the connection closes
  --truncate-json N               status body (200) cut in the middle
  --malformed-json N              status body (200) that is not JSON
  --stall-tasks N                 tasks that stay in_progress at 50 % forever
  --expire-results                result downloads 404, expires_at in the past
  --slow-downloads-ms N           each download pauses N ms halfway
  --slow-downloads N              only the next N downloads pause (0: none)
  --expire-uploads N              submits whose reference is one of its uploads
                                  find that upload expired: it is forgotten (its
                                  URL 404s) and the submit answers 400
                                  invalid_reference_images, as it does for any
                                  upload URL it no longer knows

Holds, so that a test waits for events instead of time (counts as above):
  --hold-tasks N                  tasks that cannot finish until released: their
                                  timeline runs, but they stay in_progress (at
                                  most 99 %); once released they finish at the end
                                  of their generation time, or at once if it passed
  --hold-until-active N           a barrier: every task is held until N tasks are
                                  unfinished at once, then all of those are
                                  released and the barrier is gone (0: none)
  --hold-submits N                submits that wait, before any task exists, until
                                  released; then they are answered as usual
  --hold-downloads N              downloads that send half the file, then wait
                                  until released
  --hold-status N                 status calls that wait, before they are
                                  answered, until released
  Stopping the emulator lets every held request go.

Control endpoints on the API port (no key needed, not logged):
  POST /_emulator/faults   JSON object with the fault and hold names above in
                           snake_case, e.g. {"fail_status": 2, "hold_tasks": 1,
                           "expire_results": true, "gen_ms": 500, "queue_ms":
                           null}; null unsets queue_ms and queue_seed; answers
                           the whole plan
  GET  /_emulator/faults   the plan: what is left of each fault
  POST /_emulator/release  lets held things go: {"tasks": "all" | N | "<id>" |
                           ["<id>", ...], "submits": "all" | N, "downloads":
                           "all" | N, "status": "all" | N}, any of the four,
                           applied in that order; N takes the oldest. Answers
                           what went, {"tasks": [ids], "submits": N,
                           "downloads": N, "status": N}; 400 when an id is not
                           a held task or fewer than N are held
  GET  /_emulator/state    {tasks, active, most_active, held, held_submits,
                           held_downloads, held_status, refused}: tasks
                           created, unfinished now, the most unfinished at
                           once so far, tasks held now, submits, downloads and
                           status calls held now, and submits refused by
                           --max-active so far
  GET  /_emulator/wait?COUNT=N[&COUNT=N...][&timeout_ms=T]
                           blocks until each named count of the state (all but
                           active) is at least N: 200 with the state, or 408
                           with {error, state} after T ms (default 60000, at
                           most 600000) or when the emulator stops
  GET  /_emulator/log      [{seq, port, method, path, status, authorization, t_ms}]
  GET  /_emulator/tasks    [{id, created_ms, completes_at_ms, queue_ms, status, held,
                           polls}]

Prompt conventions:
  "[refuse]" in the prompt   submit answers 422 content_policy_violation
  "[fail]" in the prompt     the task ends failed with generation_failed

Generation: without a reference, diagonal bands of two colours from an FNV-1a
hash of the prompt and the image index; with one, the first reference
stretched to the output size and XOR-ed with bytes of that hash. A reference
must be one of this emulator's upload URLs, or the task fails with
"could not fetch reference image". Results are PNGs at
http://127.0.0.1:<files>/generated/<task>-<index>.png, index from 0.
Errors: shape A {"error": {message, type, code}} with a numeric code for
401/429/5xx and a string code otherwise; uploads answer shape B
{"success": false, "message"}. A submit without resolution takes the tier of
its size; "auto" is refused, as the spec lists only WxH sizes.
)";
}

}  // namespace genlayer::emulator
