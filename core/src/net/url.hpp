// URLs as the client meets them: the configured API origin, upload and result
// URLs from the server. Parsing is strict; anything odd is refused.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace genlayer {

struct Url {
    std::string scheme;  // "http" or "https", lower case
    std::string host;    // lower case, without brackets for IPv6
    int port = 0;        // explicit or the scheme's default
    std::string path;    // starts with '/', includes the query

    // scheme://host:port — what "same origin" compares.
    std::string origin() const;
};

// Parses an absolute http(s) URL; nullopt for anything else (other schemes,
// user info, whitespace or control characters, empty host).
std::optional<Url> parse_url(std::string_view text);

bool is_loopback_host(std::string_view host);

// True when both parse and share scheme, host and port.
bool same_origin(std::string_view a, std::string_view b);

// A URL the server gave us (upload or result): http(s) only, and plain http
// only to loopback. Throws Error(BAD_RESPONSE) otherwise.
Url require_server_url(std::string_view text);

// The configured API base: https, or http to loopback. Throws
// Error(INVALID_REQUEST) with a sentence naming the setting otherwise.
Url require_base_url(std::string_view text);

// A task id safe to put in a path: [A-Za-z0-9_.-], 1..128 chars, not "." or
// "..". Throws Error(BAD_RESPONSE) (from the server) or INVALID_REQUEST
// (from the user) as `from_user` says.
void require_task_id(std::string_view id, bool from_user);

}  // namespace genlayer
