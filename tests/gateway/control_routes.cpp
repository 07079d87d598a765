#include "control_routes.hpp"

#include "gateway_responses.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <map>
#include <optional>
#include <stdexcept>
#include <string_view>

namespace genlayer::emulator {
namespace {

constexpr long long kDefaultWaitMs = 60'000;
constexpr long long kLongestWaitMs = 600'000;
// The counts a wait can name: each changes only when something happens
// ("active" also falls as time passes, so a wait could miss it).
constexpr std::string_view kWaitableCounts[] = {"tasks",          "most_active", "held",   "held_submits",
                                                "held_downloads", "held_status", "refused"};

nlohmann::json state_of(const Gateway& gateway) {
    const TaskCounts counts = gateway.tasks.counts(gateway.clock.now_ms());
    return {{"tasks", counts.tasks},
            {"active", counts.active},
            {"most_active", counts.most_active},
            {"held", counts.held},
            {"held_submits", gateway.held_submits.held()},
            {"held_downloads", gateway.held_downloads.held()},
            {"held_status", gateway.held_status.held()},
            {"refused", counts.refused}};
}

long long whole_number(const std::string& name, const std::string& text, long long max) {
    long long value = 0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc() || ptr != end || value < 0 || value > max)
        throw std::invalid_argument("The parameter " + name + " needs a whole number from 0 to " + std::to_string(max) +
                                    ", not \"" + text + "\".");
    return value;
}

struct WaitCondition {
    std::map<std::string, long long> at_least;
    long long timeout_ms = kDefaultWaitMs;
};

WaitCondition read_wait(const httplib::Request& request) {
    WaitCondition condition;
    for (const auto& [name, value] : request.params) {
        if (name == "timeout_ms") {
            condition.timeout_ms = whole_number(name, value, kLongestWaitMs);
        } else if (std::find(std::begin(kWaitableCounts), std::end(kWaitableCounts), name) !=
                   std::end(kWaitableCounts)) {
            condition.at_least[name] = whole_number(name, value, 1'000'000'000);
        } else {
            throw std::invalid_argument(
                "GET /_emulator/wait takes tasks, most_active, held, held_submits, "
                "held_downloads, held_status, refused and timeout_ms, not " +
                name + ".");
        }
    }
    if (condition.at_least.empty())
        throw std::invalid_argument("GET /_emulator/wait needs a count to wait for, e.g. ?tasks=2.");
    return condition;
}

bool reached(const nlohmann::json& state, const WaitCondition& condition) {
    return std::all_of(condition.at_least.begin(), condition.at_least.end(), [&](const auto& wanted) {
        return state[wanted.first].template get<long long>() >= wanted.second;
    });
}

// Blocks until every count named is at least its value: 200 with the state,
// or 408 with it once timeout_ms has passed (or the emulator is stopping).
void handle_wait(Gateway& gateway, const httplib::Request& request, httplib::Response& response) {
    const WaitCondition condition = read_wait(request);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(condition.timeout_ms);
    nlohmann::json state;
    const bool met = gateway.changes.wait_until(
        [&] {
            state = state_of(gateway);
            return reached(state, condition);
        },
        deadline);
    if (met) return send_json(response, state);
    std::string wanted;
    for (const auto& [name, count] : condition.at_least)
        wanted += (wanted.empty() ? "" : ", ") + name + " " + std::to_string(count);
    response.status = 408;
    send_json(response, {{"error", "The emulator did not reach " + wanted + " within " +
                                       std::to_string(condition.timeout_ms) + " ms."},
                         {"state", state}});
}

// "all" is nullopt; a whole number is that count.
std::optional<int> count_of(const std::string& kind, const nlohmann::json& value) {
    if (value == "all") return std::nullopt;
    if (value.is_number_integer() && value.get<long long>() >= 0 && value.get<long long>() <= 1'000'000)
        return value.get<int>();
    throw std::invalid_argument("Releasing " + kind + " takes \"all\" or a whole number" +
                                (kind == "tasks" ? std::string(", a task id or a list of ids") : "") + ".");
}

// The task ids a release names, or nullopt when it gives "all" or a count.
std::optional<std::vector<std::string>> task_ids_of(const nlohmann::json& value) {
    if (value.is_string() && value != "all") return std::vector<std::string>{value.get<std::string>()};
    if (!value.is_array()) return std::nullopt;
    std::vector<std::string> ids;
    for (const auto& id : value) {
        if (!id.is_string()) throw std::invalid_argument("Releasing tasks by id takes a list of task ids.");
        ids.push_back(id.get<std::string>());
    }
    return ids;
}

// Applies {"tasks": …, "submits": …, "downloads": …, "status": …} in that order; answers what went.
nlohmann::json release(Gateway& gateway, const nlohmann::json& body) {
    if (!body.is_object() || body.empty())
        throw std::invalid_argument("POST /_emulator/release takes a JSON object such as {\"tasks\": \"all\"}.");
    for (const auto& [key, value] : body.items())
        if (key != "tasks" && key != "submits" && key != "downloads" && key != "status")
            throw std::invalid_argument("There is nothing called " + key +
                                        " to release; name tasks, submits, downloads or status.");
    // Every value is read before anything is released.
    std::optional<std::vector<std::string>> task_ids;
    std::optional<int> task_count, submit_count, download_count, status_count;
    if (body.contains("tasks") && !(task_ids = task_ids_of(body["tasks"])))
        task_count = count_of("tasks", body["tasks"]);
    if (body.contains("submits")) submit_count = count_of("submits", body["submits"]);
    if (body.contains("downloads")) download_count = count_of("downloads", body["downloads"]);
    if (body.contains("status")) status_count = count_of("status", body["status"]);

    nlohmann::json released = nlohmann::json::object();
    const long long now_ms = gateway.clock.now_ms();
    if (task_ids) {
        gateway.tasks.release(*task_ids, now_ms);
        released["tasks"] = *task_ids;
    } else if (body.contains("tasks")) {
        released["tasks"] = gateway.tasks.release_oldest(task_count, now_ms);
    }
    if (body.contains("submits")) released["submits"] = gateway.held_submits.release(submit_count);
    if (body.contains("downloads")) released["downloads"] = gateway.held_downloads.release(download_count);
    if (body.contains("status")) released["status"] = gateway.held_status.release(status_count);
    return released;
}

void refuse(httplib::Response& response, const std::exception& error) {
    response.status = 400;
    send_json(response, {{"error", error.what()}});
}

}  // namespace

void install_control_routes(httplib::Server& server, Gateway& gateway) {
    server.Post("/_emulator/faults", [&gateway](const httplib::Request& request, httplib::Response& response) {
        try {
            gateway.faults.arm(nlohmann::json::parse(request.body));
        } catch (const std::exception& error) {  // bad JSON or an unknown fault
            return refuse(response, error);
        }
        send_json(response, gateway.faults.describe());
    });
    server.Get("/_emulator/faults", [&gateway](const httplib::Request&, httplib::Response& response) {
        send_json(response, gateway.faults.describe());
    });
    server.Get("/_emulator/log", [&gateway](const httplib::Request&, httplib::Response& response) {
        send_json(response, gateway.log.entries());
    });
    server.Get("/_emulator/tasks", [&gateway](const httplib::Request&, httplib::Response& response) {
        send_json(response, gateway.tasks.describe(gateway.clock.now_ms()));
    });
    server.Get("/_emulator/state", [&gateway](const httplib::Request&, httplib::Response& response) {
        send_json(response, state_of(gateway));
    });
    server.Get("/_emulator/wait", [&gateway](const httplib::Request& request, httplib::Response& response) {
        try {
            handle_wait(gateway, request, response);
        } catch (const std::invalid_argument& error) {
            refuse(response, error);
        }
    });
    server.Post("/_emulator/release", [&gateway](const httplib::Request& request, httplib::Response& response) {
        try {
            send_json(response, release(gateway, nlohmann::json::parse(request.body)));
        } catch (const std::exception& error) {  // bad JSON, a bad value, or not that many held
            refuse(response, error);
        }
    });
}

}  // namespace genlayer::emulator
