// What a job asks of the gateway. GatewayClient speaks it over HTTP; the unit
// tests of Job answer it from memory, so that a job's journaling, cancelling
// and timing out can be checked without a server.
#pragma once

#include "gateway/resolved_request.hpp"
#include "gateway/task_info.hpp"
#include "gateway/upload_answer.hpp"
#include "image/image_codec.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace genlayer {

// Counters the CLI reports and tests assert on.
struct TransferStats {
    uint64_t bytes_uploaded = 0;
    uint64_t bytes_downloaded = 0;
    int requests = 0;
    int retries = 0;
    int rate_limited = 0;  // 429 answers seen
};

class Gateway {
public:
    virtual ~Gateway() = default;

    virtual UploadedImage upload(const EncodedImage& image) = 0;
    // Throws Error(OUTCOME_UNKNOWN) when the task may exist although no
    // answer says so: the caller must never submit it again.
    virtual TaskInfo submit(const ResolvedRequest& request) = 0;
    virtual TaskInfo status(const std::string& task_id) = 0;
    virtual std::vector<uint8_t> download(const std::string& url, size_t max_bytes) = 0;
    virtual const TransferStats& stats() const = 0;
};

}  // namespace genlayer
