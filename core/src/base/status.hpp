// The one error type of the core: a status of the C ABI and a sentence a
// person can act on.
#pragma once

#include <genlayer/genlayer.h>

#include <stdexcept>
#include <string>

namespace genlayer {

using Status = genlayer_status;

class Error : public std::runtime_error {
public:
    // `code` is the gateway's own error code, when the error is its answer
    // (e.g. "invalid_reference_images"), so callers can act on it.
    Error(Status status, const std::string& sentence, std::string code = {})
        : std::runtime_error(sentence), status_(status), code_(std::move(code)) {}
    Status status() const noexcept { return status_; }
    const std::string& code() const noexcept { return code_; }

private:
    Status status_;
    std::string code_;
};

}  // namespace genlayer
