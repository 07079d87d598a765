#include "jobs/job.hpp"

#include "fake_clock.hpp"
#include "fake_gateway.hpp"
#include "gateway/gateway_errors.hpp"
#include "temp_dir.hpp"

#include <openssl/evp.h>
#include <catch2/catch.hpp>

#include <fstream>
#include <future>
#include <iterator>
#include <map>

using namespace genlayer;
using genlayer::test::FakeClock;
using genlayer::test::FakeGateway;
using genlayer::test::TempDir;

namespace {

constexpr const char* kResultUrl = "https://files.example/result-1.png";

RgbaImage gradient(uint32_t width, uint32_t height) {
    RgbaImage image(width, height);
    for (size_t i = 0; i < image.pixels.size(); ++i) image.pixels[i] = uint8_t(i * 7);
    for (size_t i = 3; i < image.pixels.size(); i += 4) image.pixels[i] = 255;
    return image;
}

std::vector<uint8_t> png_of(const RgbaImage& image) { return encode_png(view_of(image), kFastPngCompression).bytes; }

std::string base64_of(const std::vector<uint8_t>& bytes) {
    std::string text(4 * ((bytes.size() + 2) / 3) + 1, '\0');
    text.resize(
        size_t(EVP_EncodeBlock(reinterpret_cast<unsigned char*>(text.data()), bytes.data(), int(bytes.size()))));
    return text;
}

TaskInfo task(TaskStatus status, int progress) {
    TaskInfo info;
    info.id = "task_1";
    info.status = status;
    info.progress = progress;
    return info;
}

TaskInfo completed_with(std::vector<TaskResultItem> results) {
    TaskInfo info = task(TaskStatus::completed, 100);
    info.results = std::move(results);
    info.expires_at = unix_now() + 86400;
    return info;
}

GenerationRequest sample_request() {
    GenerationRequest request;
    request.prompt = "a lighthouse at dusk";
    request.size = "1024x1024";
    return request;
}

// A job against a FakeGateway and a FakeClock, journaling into a fresh folder.
struct JobFixture {
    TempDir dir;
    std::shared_ptr<FakeGateway> gateway = std::make_shared<FakeGateway>();
    std::shared_ptr<FakeClock> clock;
    int cancel_at_wait = 0;                // the FakeClock's, for the next job
    GatewayClient::Config gateway_config;  // what the last job configured its gateway with

    JobFixture() {
        gateway->status_answers = {task(TaskStatus::queued, 0), task(TaskStatus::in_progress, 40),
                                   completed_with({{kResultUrl, ""}})};
        gateway->files[kResultUrl] = png_of(gradient(4, 3));
    }

    JobConfig config() {
        JobConfig config;
        config.settings.api_key = "sk-test";
        config.settings.journal_dir = dir.path / "journal";
        config.settings.history_dir = dir.path / "history";
        config.timeout_s = 300;
        config.target = {{"outputs", {"out.png"}}};
        config.make_gateway = [this](GatewayClient::Config given, SharedCancelToken) {
            gateway_config = std::move(given);
            return gateway;
        };
        config.make_clock = [this](SharedCancelToken cancel) {
            clock = std::make_shared<FakeClock>(std::move(cancel), cancel_at_wait);
            return clock;
        };
        return config;
    }

    std::vector<JournalEntry> journal() const { return Journal(dir.path / "journal").list(); }
    std::vector<HistoryEntry> history() const { return HistoryStore(dir.path / "history", 1ull << 40).list(); }
};

JobSnapshot finished(Job& job) {
    job.wait();
    return job.snapshot();
}

}  // namespace

TEST_CASE("job: the journal holds the request before the submit and the task id after it", "[job]") {
    JobFixture fixture;
    std::vector<JournalEntry> at_submit;
    fixture.gateway->before_call = [&](const std::string& call) {
        if (call == "submit") at_submit = fixture.journal();
    };
    auto job = Job::generate(sample_request(), fixture.config());
    const auto snapshot = finished(*job);
    REQUIRE(snapshot.state == GENLAYER_JOB_DONE);

    REQUIRE(at_submit.size() == 1);
    CHECK(at_submit[0].stage == JobStage::submitting);
    CHECK(at_submit[0].task_id.empty());
    CHECK(at_submit[0].request.value("prompt", "") == "a lighthouse at dusk");
    CHECK(at_submit[0].target == nlohmann::json{{"outputs", {"out.png"}}});

    const auto after = fixture.journal();
    REQUIRE(after.size() == 1);
    CHECK(after[0].job_id == at_submit[0].job_id);
    CHECK(after[0].task_id == "task_1");
    CHECK(after[0].stage == JobStage::completed);
    CHECK(after[0].result_urls == std::vector<std::string>{kResultUrl});
    CHECK(snapshot.task_id == "task_1");
    CHECK(fixture.gateway->submits == 1);
}

TEST_CASE("job: each downloaded image is in the history, bytes as received, with its request", "[job][history]") {
    JobFixture fixture;
    fixture.gateway->status_answers.back().results.push_back({kResultUrl, ""});  // the same image twice: one entry
    const auto second = png_of(gradient(5, 2));
    fixture.gateway->status_answers.back().results.push_back({"", base64_of(second)});
    auto request = sample_request();
    request.n = 3;
    auto job = Job::generate(request, fixture.config());
    REQUIRE(finished(*job).state == GENLAYER_JOB_DONE);

    const auto history = fixture.history();
    REQUIRE(history.size() == 2);
    std::map<int, HistoryEntry> by_index;
    for (const auto& entry : history) by_index[entry.record.index] = entry;
    REQUIRE(by_index.count(0) == 1);
    REQUIRE(by_index.count(2) == 1);
    const HistoryStore store(fixture.dir.path / "history", 1ull << 40);
    const auto read_bytes = [&](const HistoryEntry& entry) {
        std::ifstream in(store.image_path(entry), std::ios::binary);
        return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), {});
    };
    CHECK(read_bytes(by_index[0]) == fixture.gateway->files[kResultUrl]);
    CHECK(read_bytes(by_index[2]) == second);
    const auto& first = by_index[0];
    CHECK(first.record.prompt == "a lighthouse at dusk");
    CHECK(first.record.task_id == "task_1");
    CHECK(first.record.size == "1024x1024");
    CHECK(first.record.size_dialect == "pixels");
    CHECK(first.record.model == kDefaultModel);
    CHECK(first.record.target == nlohmann::json{{"outputs", {"out.png"}}});
    CHECK(first.record.cost_usd == kPricePerImageUsd);
    CHECK(first.width == 4);
    CHECK(first.height == 3);
    CHECK(by_index[2].width == 5);
    CHECK_THAT(to_json(first).dump(), !Catch::Contains("sk-test"));
    CHECK(job->report()["history"].size() == 3);
}

TEST_CASE("job: with record_history off nothing reaches the history", "[job][history]") {
    JobFixture fixture;
    auto config = fixture.config();
    config.settings.record_history = false;
    auto job = Job::generate(sample_request(), std::move(config));
    REQUIRE(finished(*job).state == GENLAYER_JOB_DONE);
    CHECK_FALSE(std::filesystem::exists(fixture.dir.path / "history"));
    CHECK_FALSE(job->report().contains("history"));
}

TEST_CASE("job: a history that cannot be written is reported, and the image still arrives", "[job][history]") {
    JobFixture fixture;
    std::ofstream(fixture.dir.path / "history") << "a file where the folder should be";
    auto job = Job::generate(sample_request(), fixture.config());
    REQUIRE(finished(*job).state == GENLAYER_JOB_DONE);
    CHECK(job->results().size() == 1);
    CHECK_THAT(job->report()["history_error"].get<std::string>(), Catch::Contains("Could not write"));
}

TEST_CASE("job: a submit whose outcome is unknown is journaled so and never sent again", "[job]") {
    JobFixture fixture;
    const Error lost = outcome_unknown_error("timed out");
    fixture.gateway->submit_answer = [&](const ResolvedRequest&) -> TaskInfo { throw lost; };
    auto job = Job::generate(sample_request(), fixture.config());
    const auto snapshot = finished(*job);

    CHECK(snapshot.state == GENLAYER_JOB_FAILED);
    CHECK(snapshot.status == GENLAYER_OUTCOME_UNKNOWN);
    CHECK(snapshot.message == lost.what());
    const auto journal = fixture.journal();
    REQUIRE(journal.size() == 1);
    CHECK(journal[0].stage == JobStage::outcome_unknown);
    CHECK(journal[0].error == lost.what());
    CHECK_FALSE(journal[0].collectable(unix_now()));
    CHECK(fixture.gateway->submits == 1);
    CHECK(fixture.gateway->polls == 0);
}

TEST_CASE("job: a 429 its gateway sees lowers the batch's gate", "[job]") {
    JobFixture fixture;
    auto config = fixture.config();
    config.gate = std::make_shared<SubmitGate>(4);
    fixture.gateway->submit_answer = [&](const ResolvedRequest&) {
        fixture.gateway_config.on_rate_limited();  // what GatewayClient does on a 429 (throws if unset)
        return task(TaskStatus::queued, 0);
    };
    auto job = Job::generate(sample_request(), config);
    CHECK(finished(*job).state == GENLAYER_JOB_DONE);
    // Halved; one finished task is not yet enough to grow it back.
    CHECK(config.gate->limit() == 2);
    CHECK(config.gate->in_flight() == 0);
}

TEST_CASE("job: a cancel during the upload bills nothing and journals nothing", "[job]") {
    JobFixture fixture;
    SharedCancelToken token;
    auto config = fixture.config();
    config.make_gateway = [&](GatewayClient::Config, SharedCancelToken cancel) {
        token = std::move(cancel);
        return fixture.gateway;
    };
    // As GatewayClient does when it is cancelled mid-transfer.
    fixture.gateway->before_call = [&](const std::string& call) {
        if (call != "upload") return;
        token->cancel();
        throw cancelled_error("upload");
    };
    auto request = sample_request();
    request.reference = gradient(16, 16);
    auto job = Job::generate(std::move(request), config);
    const auto snapshot = finished(*job);

    CHECK(snapshot.state == GENLAYER_JOB_CANCELLED);
    CHECK(snapshot.status == GENLAYER_CANCELLED);
    CHECK(snapshot.message == "Cancelled before the task was submitted; nothing was billed.");
    CHECK(fixture.gateway->submits == 0);
    CHECK(fixture.journal().empty());
}

TEST_CASE("job: a cancel while waiting for a slot of the gate bills nothing and journals nothing", "[job]") {
    JobFixture fixture;
    auto config = fixture.config();
    config.gate = std::make_shared<SubmitGate>(1);
    CancelToken never;
    const auto held = config.gate->acquire(never);  // the only slot: the job cannot reach its submit
    auto job = Job::generate(sample_request(), config);
    job->cancel();
    const auto snapshot = finished(*job);

    CHECK(snapshot.state == GENLAYER_JOB_CANCELLED);
    CHECK_THAT(snapshot.message, Catch::Contains("nothing was billed"));
    CHECK(fixture.gateway->submits == 0);
    CHECK(fixture.journal().empty());
}

TEST_CASE("job: a cancel after the submit keeps the task collectable", "[job]") {
    JobFixture fixture;
    fixture.cancel_at_wait = 2;  // after the first poll
    auto job = Job::generate(sample_request(), fixture.config());
    const auto snapshot = finished(*job);

    CHECK(snapshot.state == GENLAYER_JOB_CANCELLED);
    CHECK_THAT(snapshot.message, Catch::Contains("task_1") && Catch::Contains("can be collected later"));
    CHECK(fixture.gateway->polls == 1);
    const auto journal = fixture.journal();
    REQUIRE(journal.size() == 1);
    CHECK(journal[0].stage == JobStage::submitted);
    CHECK(journal[0].task_id == "task_1");
    CHECK(journal[0].collectable(unix_now()));

    fixture.cancel_at_wait = 0;
    auto collect = Job::collect("task_1", fixture.config());
    CHECK(finished(*collect).state == GENLAYER_JOB_DONE);
    CHECK(fixture.gateway->submits == 1);
    CHECK(fixture.journal().size() == 1);
}

TEST_CASE("job: the deadline ends the wait with TIMEOUT and keeps the entry", "[job]") {
    JobFixture fixture;
    fixture.gateway->status_answers = {task(TaskStatus::in_progress, 10)};
    std::vector<Clock::time_point> polled_at;
    fixture.gateway->before_call = [&](const std::string& call) {
        if (call == "status") polled_at.push_back(fixture.clock->now());
    };
    auto config = fixture.config();
    config.timeout_s = 60;
    auto job = Job::generate(sample_request(), config);
    const auto snapshot = finished(*job);

    CHECK(snapshot.state == GENLAYER_JOB_FAILED);
    CHECK(snapshot.status == GENLAYER_TIMEOUT);
    CHECK_THAT(snapshot.message, Catch::Contains("task_1") && Catch::Contains("genlayer resume"));
    const auto deadline = FakeClock::kStart + std::chrono::seconds(60);
    CHECK(fixture.clock->now() == deadline);  // it waited until the deadline, and no longer
    REQUIRE_FALSE(polled_at.empty());
    CHECK(polled_at.back() < deadline);
    const auto journal = fixture.journal();
    REQUIRE(journal.size() == 1);
    CHECK(journal[0].stage == JobStage::submitted);
    CHECK(journal[0].collectable(unix_now()));
}

TEST_CASE("job: a task that failed on the server is journaled failed with its sentence", "[job]") {
    JobFixture fixture;
    TaskInfo failed = task(TaskStatus::failed, 0);
    failed.error_code = "server_error";
    failed.error_message = "the model crashed";
    fixture.gateway->status_answers = {failed};
    auto job = Job::generate(sample_request(), fixture.config());
    const auto snapshot = finished(*job);

    const std::string sentence = error_from_failed_task(failed).what();
    CHECK(snapshot.state == GENLAYER_JOB_FAILED);
    CHECK(snapshot.status == GENLAYER_TASK_FAILED);
    CHECK(snapshot.message == sentence);
    const auto journal = fixture.journal();
    REQUIRE(journal.size() == 1);
    CHECK(journal[0].stage == JobStage::failed);
    CHECK(journal[0].error == sentence);
    CHECK(fixture.gateway->downloads == 0);
}

TEST_CASE("job: the snapshot moves from uploading to done, never backwards", "[job]") {
    JobFixture fixture;
    std::promise<Job*> started;
    auto job_of = started.get_future().share();
    std::vector<JobSnapshot> seen;
    fixture.gateway->before_call = [&](const std::string&) { seen.push_back(job_of.get()->snapshot()); };
    auto request = sample_request();
    request.reference = gradient(16, 16);
    auto job = Job::generate(std::move(request), fixture.config());
    started.set_value(job.get());
    seen.push_back(finished(*job));

    std::vector<genlayer_job_state> states;
    for (const auto& snapshot : seen)
        if (states.empty() || states.back() != snapshot.state) states.push_back(snapshot.state);
    CHECK(states == std::vector<genlayer_job_state>{GENLAYER_JOB_UPLOADING, GENLAYER_JOB_SUBMITTING,
                                                    GENLAYER_JOB_QUEUED, GENLAYER_JOB_RUNNING, GENLAYER_JOB_DOWNLOADING,
                                                    GENLAYER_JOB_DONE});
    for (size_t i = 1; i < seen.size(); ++i) CHECK(seen[i - 1].fraction <= seen[i].fraction);
    CHECK(seen.back().fraction == 1);
    CHECK(seen.back().server_percent == 100);
    CHECK(fixture.gateway->uploads == 1);
}

TEST_CASE("job: results from a URL and from base64 are decoded in order", "[job]") {
    JobFixture fixture;
    const RgbaImage first = gradient(4, 3), second = gradient(2, 5);
    fixture.gateway->files[kResultUrl] = png_of(first);
    fixture.gateway->status_answers = {completed_with({{kResultUrl, ""}, {"", base64_of(png_of(second))}})};
    auto job = Job::generate(sample_request(), fixture.config());
    REQUIRE(finished(*job).state == GENLAYER_JOB_DONE);

    const auto& results = job->results();
    REQUIRE(results.size() == 2);
    CHECK(results[0].width == 4);
    CHECK(results[0].pixels == first.pixels);
    CHECK(results[1].height == 5);
    CHECK(results[1].pixels == second.pixels);
    CHECK(fixture.gateway->downloads == 1);
    CHECK(job->report().value("status_polls", 0) == 1);
}

TEST_CASE("job: corrupt base64 in a result fails with BAD_RESPONSE", "[job]") {
    JobFixture fixture;
    fixture.gateway->status_answers = {completed_with({{"", "not base64!"}})};
    auto job = Job::generate(sample_request(), fixture.config());
    const auto snapshot = finished(*job);
    CHECK(snapshot.state == GENLAYER_JOB_FAILED);
    CHECK(snapshot.status == GENLAYER_BAD_RESPONSE);
    CHECK(fixture.journal().at(0).stage == JobStage::completed);  // still collectable later
}

TEST_CASE("job: collecting a journaled task reuses its entry", "[job]") {
    JobFixture fixture;
    Journal journal(fixture.dir.path / "journal");
    JournalEntry entry;
    entry.job_id = Journal::new_job_id();
    entry.stage = JobStage::submitted;
    entry.task_id = "task_1";
    entry.request = {{"prompt", "a red fox"}};
    entry.target = {{"image", 7}};
    journal.save(entry);

    auto job = Job::collect("task_1", fixture.config());
    REQUIRE(finished(*job).state == GENLAYER_JOB_DONE);
    CHECK(job->request_json() == entry.request);
    job->mark_collected();

    const auto entries = fixture.journal();
    REQUIRE(entries.size() == 1);
    CHECK(entries[0].job_id == entry.job_id);
    CHECK(entries[0].stage == JobStage::collected);
    CHECK(entries[0].target == nlohmann::json{{"image", 7}});
    CHECK(fixture.gateway->submits == 0);
}
