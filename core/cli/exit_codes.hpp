// The CLI's exit codes: one per kind of failure, so scripts can branch.
#pragma once

#include "base/local_file_error.hpp"

#include <genlayer/genlayer.h>

namespace genlayer::cli {

enum ExitCode : int {
    kExitOk = 0,
    kExitInternal = 1,
    kExitUsage = 2,  // usage or invalid request
    kExitAuth = 3,
    kExitQuota = 4,  // quota, or rate limit after every retry
    kExitNetwork = 5,
    kExitTaskFailed = 6,  // the task failed, the content was refused, or the result expired
    kExitTimeout = 7,
    kExitBadResponse = 8,
    kExitLocalFile = 9,      // a local file or folder could not be written: full disk, read-only, permissions
    kExitInterrupted = 130,  // Ctrl-C
};

constexpr int exit_code_for(genlayer_status status) {
    switch (status) {
        case GENLAYER_OK: return kExitOk;
        case GENLAYER_CANCELLED: return kExitInterrupted;
        case GENLAYER_INVALID_REQUEST: return kExitUsage;
        case GENLAYER_AUTH: return kExitAuth;
        case GENLAYER_QUOTA:
        case GENLAYER_RATE_LIMITED: return kExitQuota;
        case GENLAYER_NETWORK:
        case GENLAYER_OUTCOME_UNKNOWN: return kExitNetwork;
        case GENLAYER_CONTENT_POLICY:
        case GENLAYER_TASK_FAILED:
        case GENLAYER_EXPIRED:
        case GENLAYER_NOT_FOUND: return kExitTaskFailed;
        case GENLAYER_TIMEOUT: return kExitTimeout;
        case GENLAYER_BAD_RESPONSE: return kExitBadResponse;
        case GENLAYER_INTERNAL: return kExitInternal;
    }
    return kExitInternal;
}

// A local file fault reaches the C ABI as GENLAYER_INTERNAL; the CLI tells it apart.
constexpr int exit_code_for(genlayer_status status, bool local_file_fault) {
    return local_file_fault ? kExitLocalFile : exit_code_for(status);
}

inline int exit_code_for(const Error& error) {
    return exit_code_for(error.status(), dynamic_cast<const LocalFileError*>(&error) != nullptr);
}

}  // namespace genlayer::cli
