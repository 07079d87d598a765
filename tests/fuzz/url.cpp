// URLs from the server (upload, result and redirect addresses) and the
// configured base: parse_url, its re-serialisation, the checks built on it,
// and task ids.
#include "net/url.hpp"
#include "fuzz_support.hpp"

using namespace genlayer;

namespace {

// Whether `check` accepts `text`; any Error must carry `refused_as`.
template <class Check>
bool accepts(Check check, std::string_view text, Status refused_as) {
    try {
        check(text);
        return true;
    } catch (const Error& error) {
        fuzz::require_refusal(error, refused_as);
        return false;
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text = fuzz::text_of(data, size);
    const auto url = parse_url(text);
    const bool server_ok = accepts([](std::string_view t) { require_server_url(t); }, text, GENLAYER_BAD_RESPONSE);
    const bool base_ok = accepts([](std::string_view t) { require_base_url(t); }, text, GENLAYER_INVALID_REQUEST);
    fuzz::require(server_ok == base_ok, "server URLs and the base URL follow the same rules");
    const bool task_id_ok = accepts([](std::string_view t) { require_task_id(t, false); }, text, GENLAYER_BAD_RESPONSE);
    fuzz::require(
        task_id_ok == accepts([](std::string_view t) { require_task_id(t, true); }, text, GENLAYER_INVALID_REQUEST),
        "a task id is judged alike from the server and from the user");
    fuzz::require(!task_id_ok || (text.find('/') == std::string_view::npos && text != ".."),
                  "an accepted task id stays inside its path segment");
    if (!url) {
        fuzz::require(!server_ok, "what does not parse is never accepted");
        return 0;
    }
    fuzz::require(url->scheme == "http" || url->scheme == "https", "the scheme is http(s)");
    fuzz::require(url->port >= 1 && url->port <= 65535, "the port is in range");
    fuzz::require(url->path.starts_with('/'), "the path starts at the root");
    fuzz::require(server_ok == (url->scheme == "https" || is_loopback_host(url->host)),
                  "plain http is accepted exactly for loopback");

    // Re-serialised, it parses to the same URL.
    const std::string again = url->origin() + url->path;
    const auto reparsed = parse_url(again);
    fuzz::require(reparsed && reparsed->scheme == url->scheme && reparsed->host == url->host &&
                      reparsed->port == url->port && reparsed->path == url->path,
                  "origin() + path parses back to the same URL");
    fuzz::require(same_origin(text, again), "a URL and its re-serialisation share their origin");
    return 0;
}
