#include "net/url.hpp"

#include "base/status.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <algorithm>
#include <charconv>
#include <cstring>

namespace genlayer {
namespace {

constexpr size_t kMaxTaskIdChars = 128;

char to_lower(char c) { return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c; }

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), to_lower);
    return out;
}

bool is_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// Spaces, control characters and backslashes are refused anywhere: they
// either break the request line or are read differently by other parsers.
bool has_forbidden_char(std::string_view text) {
    return std::any_of(text.begin(), text.end(), [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return byte <= 0x20 || byte == 0x7f || c == '\\';
    });
}

bool is_reg_name(std::string_view host) {
    return !host.empty() && std::all_of(host.begin(), host.end(),
                                        [](char c) { return is_alnum(c) || c == '-' || c == '.' || c == '_'; });
}

bool is_ipv6_literal(std::string_view host) {
    in6_addr address{};
    return inet_pton(AF_INET6, std::string(host).c_str(), &address) == 1;
}

std::optional<int> parse_port(std::string_view text) {
    int port = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), port);
    if (text.empty() || error != std::errc() || end != text.data() + text.size()) return std::nullopt;
    if (port < 1 || port > 65535) return std::nullopt;
    return port;
}

bool is_loopback_ipv4(const in_addr& address) { return (ntohl(address.s_addr) >> 24) == 127; }

// Parses `text`, refusing anything but http(s), and plain http beyond loopback
// (nothing unencrypted leaves the machine).
Url require_safe_url(std::string_view text, Status status, const char* invalid, const char* unencrypted) {
    auto url = parse_url(text);
    if (!url) throw Error(status, invalid);
    if (url->scheme == "http" && !is_loopback_host(url->host)) throw Error(status, unencrypted);
    return *url;
}

}  // namespace

std::string Url::origin() const {
    const bool ipv6 = host.find(':') != std::string::npos;
    return scheme + "://" + (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

std::optional<Url> parse_url(std::string_view text) {
    if (has_forbidden_char(text)) return std::nullopt;
    const size_t scheme_end = text.find("://");
    if (scheme_end == std::string_view::npos) return std::nullopt;
    Url url;
    url.scheme = lower(text.substr(0, scheme_end));
    if (url.scheme != "http" && url.scheme != "https") return std::nullopt;

    std::string_view rest = text.substr(scheme_end + 3);
    // The fragment never goes on the wire.
    rest = rest.substr(0, rest.find('#'));
    const size_t authority_end = rest.find_first_of("/?");
    const std::string_view authority = rest.substr(0, authority_end);
    const std::string_view path = authority_end == std::string_view::npos ? "" : rest.substr(authority_end);
    if (authority.find('@') != std::string_view::npos) return std::nullopt;

    std::string_view host;
    std::string_view port_text;
    bool has_port = false;
    if (authority.starts_with('[')) {
        const size_t close = authority.find(']');
        if (close == std::string_view::npos) return std::nullopt;
        host = authority.substr(1, close - 1);
        if (!is_ipv6_literal(host)) return std::nullopt;
        const std::string_view after = authority.substr(close + 1);
        if (!after.empty()) {
            if (after[0] != ':') return std::nullopt;
            has_port = true;
            port_text = after.substr(1);
        }
    } else {
        const size_t colon = authority.find(':');
        host = authority.substr(0, colon);
        if (!is_reg_name(host)) return std::nullopt;
        if (colon != std::string_view::npos) {
            has_port = true;
            port_text = authority.substr(colon + 1);
        }
    }
    if (has_port) {
        const auto port = parse_port(port_text);
        if (!port) return std::nullopt;
        url.port = *port;
    } else {
        url.port = url.scheme == "https" ? 443 : 80;
    }
    url.host = lower(host);
    url.path.assign(path.starts_with('/') ? 0 : 1, '/');  // a query alone ("?a=b") still gets its root
    url.path.append(path);
    return url;
}

bool is_loopback_host(std::string_view host) {
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    const std::string name = lower(host);
    if (name == "localhost") return true;
    in_addr v4{};
    if (inet_pton(AF_INET, name.c_str(), &v4) == 1) return is_loopback_ipv4(v4);
    in6_addr v6{};
    if (inet_pton(AF_INET6, name.c_str(), &v6) != 1) return false;
    if (IN6_IS_ADDR_LOOPBACK(&v6)) return true;
    if (!IN6_IS_ADDR_V4MAPPED(&v6)) return false;
    std::memcpy(&v4.s_addr, &v6.s6_addr[12], sizeof v4.s_addr);
    return is_loopback_ipv4(v4);
}

bool same_origin(std::string_view a, std::string_view b) {
    const auto first = parse_url(a);
    const auto second = parse_url(b);
    return first && second && first->origin() == second->origin();
}

Url require_server_url(std::string_view text) {
    return require_safe_url(text, GENLAYER_BAD_RESPONSE,
                            "The gateway returned a file address that is not a valid http(s) URL; try again, and "
                            "report it if it persists.",
                            "The gateway returned a plain-http file address on a non-local host, which is refused "
                            "because it is not encrypted; report it to the gateway.");
}

Url require_base_url(std::string_view text) {
    return require_safe_url(text, GENLAYER_INVALID_REQUEST,
                            "The base URL (--base-url or TOAPIS_BASE_URL) is not a valid http(s) URL; use something "
                            "like https://toapis.com.",
                            "The base URL (--base-url or TOAPIS_BASE_URL) must use https; plain http is allowed only "
                            "for localhost.");
}

void require_task_id(std::string_view id, bool from_user) {
    const bool valid =
        !id.empty() && id.size() <= kMaxTaskIdChars && id != "." && id != ".." &&
        std::all_of(id.begin(), id.end(), [](char c) { return is_alnum(c) || c == '_' || c == '.' || c == '-'; });
    if (valid) return;
    if (from_user)
        throw Error(GENLAYER_INVALID_REQUEST,
                    "The task id is not valid; use the id printed by the submit (letters, digits, '_', "
                    "'.' and '-', at most 128 characters).");
    throw Error(GENLAYER_BAD_RESPONSE,
                "The gateway returned a task id that is not safe to use; report it to the gateway.");
}

}  // namespace genlayer
