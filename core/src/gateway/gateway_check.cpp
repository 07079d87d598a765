#include "gateway/gateway_check.hpp"

#include "gateway/gateway_config.hpp"
#include "gateway/size_dialect_memory.hpp"

#include <algorithm>

namespace genlayer {
namespace {

// [A-Za-z0-9_.-], as task ids are; no task is ever called that.
constexpr const char* kProbeTaskId = "genlayer-check-no-such-task";
// A check answers a person waiting at a button: short, whatever --timeout says.
constexpr double kCheckTimeoutS = 20;

std::string dialect_known(const Settings& settings) {
    if (settings.size_dialect) return to_string(*settings.size_dialect);
    const auto remembered = SizeDialectMemory(settings.size_dialect_memory()).recall(settings.base_url);
    return remembered ? to_string(*remembered) : "unknown";
}

bool is_the_gateways_not_found(const Error& error) {
    return error.status() == GENLAYER_NOT_FOUND &&
           (error.code() == "task_not_found" || error.code() == "not_found_error");
}

}  // namespace

std::string GatewayCheck::report() const {
    return "base URL: " + base_url + " " + answer + "\nkey: " + key + "\nsize dialect: " + size_dialect;
}

GatewayCheck check_gateway(const Settings& settings, const SharedCancelToken& cancel) {
    GatewayCheck check;
    check.base_url = settings.base_url;
    check.size_dialect = dialect_known(settings);
    const bool has_key = !settings.api_key.empty();
    auto config = gateway_config(settings, deadline_after(std::min(settings.timeout_s, kCheckTimeoutS)));
    // Without a key, a stand-in still shows whether a gateway answers (with 401).
    if (!has_key) config.api_key = "genlayer-check";
    GatewayClient gateway(std::move(config), cancel);
    try {
        gateway.status(kProbeTaskId);
        check.status = GENLAYER_NETWORK;
        check.answer = "answers, but not like the gateway (it knows a task that cannot exist)";
        check.key = "not checked";
    } catch (const Error& error) {
        if (is_the_gateways_not_found(error) || error.status() == GENLAYER_AUTH) {
            check.answer = "answers";
            const bool works = is_the_gateways_not_found(error) && has_key;
            check.status = works ? GENLAYER_OK : GENLAYER_AUTH;
            check.key = works     ? "works"
                        : has_key ? "refused (" + std::string(error.what()) + ")"
                                  : "not set; set TOAPIS_API_KEY, the config file or the key in the dialog";
        } else {
            check.status = error.status() == GENLAYER_CANCELLED ? GENLAYER_CANCELLED : GENLAYER_NETWORK;
            const bool reached = error.status() != GENLAYER_NETWORK && error.status() != GENLAYER_TIMEOUT &&
                                 error.status() != GENLAYER_CANCELLED;
            check.answer =
                std::string(reached ? "answers, but not like the gateway (" : "does not answer (") + error.what() + ")";
            check.key = "not checked";
        }
    }
    return check;
}

}  // namespace genlayer
