// A Gateway answered from memory, for the unit tests of Job. The test sets
// the answers before the job starts; `before_call` runs on the job's thread
// at the start of every call, where a test looks at the journal or the
// job's snapshot, or cancels. The counts are read after the job is final.
#pragma once

#include "gateway/gateway.hpp"

#include <atomic>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace genlayer::test {

class FakeGateway final : public Gateway {
public:
    std::function<TaskInfo(const ResolvedRequest&)> submit_answer = [](const ResolvedRequest&) {
        TaskInfo task;
        task.id = "task_1";
        return task;
    };
    std::vector<TaskInfo> status_answers;               // in turn; the last one repeats
    std::map<std::string, std::vector<uint8_t>> files;  // what download() serves
    std::function<void(const std::string& call)> before_call = [](const std::string&) {};

    std::atomic<int> uploads{0}, submits{0}, polls{0}, downloads{0};

    UploadedImage upload(const EncodedImage&) override {
        begin("upload");
        ++uploads;
        return {"file_" + std::to_string(uploads), "https://files.example/upload-" + std::to_string(uploads) + ".png"};
    }
    TaskInfo submit(const ResolvedRequest& request) override {
        begin("submit");
        ++submits;
        return submit_answer(request);
    }
    TaskInfo status(const std::string&) override {
        begin("status");
        const size_t next = size_t(polls++);
        return status_answers.at(std::min(next, status_answers.size() - 1));
    }
    std::vector<uint8_t> download(const std::string& url, size_t) override {
        begin("download");
        ++downloads;
        return files.at(url);
    }
    const TransferStats& stats() const override { return stats_; }

private:
    void begin(const std::string& call) {
        ++stats_.requests;
        before_call(call);
    }
    TransferStats stats_;
};

}  // namespace genlayer::test
