// `genlayer check` and the dialogs' Test button: one request that costs
// nothing, the status of a task that does not exist. 401 says the key is
// wrong, the gateway's own 404 that it works; anything else that the base
// URL is not the gateway.
#pragma once

#include "base/cancel_token.hpp"
#include "base/status.hpp"
#include "gateway/settings.hpp"

#include <string>

namespace genlayer {

struct GatewayCheck {
    Status status = GENLAYER_OK;  // OK: the key works; AUTH: missing or refused; NETWORK: no gateway there
    std::string base_url;
    std::string answer;        // "answers", "does not answer (…)" or "answers, but not like the gateway (…)"
    std::string key;           // "works", "refused (401)", "not set, …" or "not checked"
    std::string size_dialect;  // "pixels", "ratio" or "unknown"

    // "base URL: … answers", "key: works", "size dialect: pixels".
    std::string report() const;
};

// Never throws an Error of the gateway: its sentence ends up in the check.
GatewayCheck check_gateway(const Settings& settings, const SharedCancelToken& cancel);

}  // namespace genlayer
