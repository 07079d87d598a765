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
    Error(Status status, const std::string& sentence)
        : std::runtime_error(sentence), status_(status) {}
    Status status() const noexcept { return status_; }

private:
    Status status_;
};

}  // namespace genlayer
