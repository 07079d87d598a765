// The status a call ends with: OK when it returns, else the status of the
// genlayer::Error it throws.
#pragma once

#include "base/status.hpp"

#include <functional>

namespace genlayer::test {

inline Status status_of(const std::function<void()>& call) {
    try {
        call();
    } catch (const Error& error) {
        return error.status();
    }
    return GENLAYER_OK;
}

}  // namespace genlayer::test
