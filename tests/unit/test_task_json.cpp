#include "gateway/task_json.hpp"
#include "status_of.hpp"

#include <catch2/catch.hpp>

using namespace genlayer;
using genlayer::test::status_of;

TEST_CASE("the spec's submit answer is a queued task", "[task-json]") {
    const TaskInfo task = parse_task(R"({"id": "task_img_abc123def456", "object": "generation.task",
        "model": "gpt-image-2", "status": "queued", "progress": 0, "created_at": 1703884800, "metadata": {}})");
    CHECK(task.id == "task_img_abc123def456");
    CHECK(task.status == TaskStatus::queued);
    CHECK(task.progress == 0);
    CHECK(task.created_at == 1703884800);
    CHECK(task.results.empty());
}

TEST_CASE("the spec's completed answer names its image", "[task-json]") {
    const TaskInfo task = parse_task(R"({"id": "task_1", "object": "generation.task", "model": "gpt-image-2",
        "status": "completed", "progress": 100, "created_at": 1768381010,
        "completed_at": 1768381063, "expires_at": 1768467463,
        "result": {"type": "image", "data": [{"url": "https://files.toapis.com/generated/a.png"}]}})");
    CHECK(task.status == TaskStatus::completed);
    CHECK(task.progress == 100);
    CHECK(task.completed_at == 1768381063);
    CHECK(task.expires_at == 1768467463);
    REQUIRE(task.results.size() == 1);
    CHECK(task.results[0].url == "https://files.toapis.com/generated/a.png");
    CHECK(task.results[0].b64_json.empty());
}

TEST_CASE("result.data comes before a top-level url, which is the fallback", "[task-json]") {
    const TaskInfo both = parse_task(R"({"id": "t", "status": "completed", "url": "https://x/top.png",
        "result": {"data": [{"url": "https://x/1.png"}, {"url": "https://x/2.png"}]}})");
    REQUIRE(both.results.size() == 2);
    CHECK(both.results[0].url == "https://x/1.png");
    CHECK(both.results[1].url == "https://x/2.png");

    const TaskInfo top = parse_task(R"({"id": "t", "status": "completed", "url": "https://x/top.png"})");
    REQUIRE(top.results.size() == 1);
    CHECK(top.results[0].url == "https://x/top.png");
}

TEST_CASE("b64_json items are read", "[task-json]") {
    const TaskInfo task =
        parse_task(R"({"id": "t", "status": "completed", "result": {"data": [{"b64_json": "iVBORw0KGgo="}]}})");
    REQUIRE(task.results.size() == 1);
    CHECK(task.results[0].url.empty());
    CHECK(task.results[0].b64_json == "iVBORw0KGgo=");
}

TEST_CASE("the spec's failed answer carries its error", "[task-json]") {
    const TaskInfo task = parse_task(R"({"id": "task_9", "status": "failed", "progress": 0, "created_at": 1768215312,
        "error": {"code": "generation_failed", "message": "call upstream API failed: x"}})");
    CHECK(task.status == TaskStatus::failed);
    CHECK(task.error_code == "generation_failed");
    CHECK(task.error_message == "call upstream API failed: x");

    const TaskInfo numeric = parse_task(R"({"id": "t", "status": "failed", "error": {"code": 500, "message": "m"}})");
    CHECK(numeric.error_code == "500");
}

TEST_CASE("every documented status and its tolerated synonyms", "[task-json]") {
    const std::pair<const char*, TaskStatus> statuses[] = {
        {"queued", TaskStatus::queued},           {"submitted", TaskStatus::queued},
        {"in_progress", TaskStatus::in_progress}, {"processing", TaskStatus::in_progress},
        {"running", TaskStatus::in_progress},     {"failed", TaskStatus::failed},
    };
    for (const auto& [text, status] : statuses) {
        INFO(text);
        CHECK(parse_task(R"({"id": "t", "status": ")" + std::string(text) + R"(", "progress": 40})").status == status);
    }
    CHECK(parse_task(R"({"id": "t", "status": "succeeded", "url": "https://x/a.png"})").status ==
          TaskStatus::completed);
}

TEST_CASE("progress is clamped to 0..100", "[task-json]") {
    CHECK(parse_task(R"({"id": "t", "status": "in_progress", "progress": 150})").progress == 100);
    CHECK(parse_task(R"({"id": "t", "status": "in_progress", "progress": 42.7})").progress == 42);
    CHECK(parse_task(R"({"id": "t", "status": "in_progress", "progress": "50"})").progress == 0);
}

TEST_CASE("malformed task answers are BAD_RESPONSE", "[task-json]") {
    for (const char* body :
         {"", "not json", "[]", R"({"status": "queued"})", R"({"id": "", "status": "queued"})",
          R"({"id": 5, "status": "queued"})", R"({"id": "../x", "status": "queued"})", R"({"id": "t"})",
          R"({"id": "t", "status": "paused"})", R"({"id": "t", "status": "completed"})",
          R"({"id": "t", "status": "completed", "result": {"data": [{}]}})"}) {
        INFO(body);
        CHECK(status_of([&] { parse_task(body); }) == GENLAYER_BAD_RESPONSE);
    }
}
