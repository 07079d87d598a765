// The config file ($XDG_CONFIG_HOME/genlayer/config.json, mode 0600): read
// by load_settings and turned into a gateway configuration as every caller
// does; storing a key into it keeps it readable and the key found.
#include "gateway/settings.hpp"
#include "fuzz_support.hpp"
#include "gateway/gateway_config.hpp"

#include <cstdlib>

using namespace genlayer;

namespace {

constexpr const char* kStoredKey = "sk-fuzz-stored";

std::optional<Settings> try_load() {
    try {
        const Settings settings = load_settings({});
        (void)gateway_config(settings, deadline_after(settings.timeout_s));
        return settings;
    } catch (const Error& error) {
        // A key in a 0600 file is never refused (AUTH); the file or its base URL may be.
        fuzz::require_refusal(error, GENLAYER_INVALID_REQUEST);
        return std::nullopt;
    }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    ::setenv("XDG_CONFIG_HOME", (fuzz::scratch_dir() / "config").c_str(), 1);
    ::setenv("XDG_STATE_HOME", (fuzz::scratch_dir() / "state").c_str(), 1);
    ::unsetenv("TOAPIS_API_KEY");
    ::unsetenv("TOAPIS_BASE_URL");
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const auto file = default_config_file();
    fuzz::write_file(file, fuzz::text_of(data, size));
    const auto before = try_load();

    try {
        store_api_key(file, kStoredKey);
    } catch (const Error& error) {
        fuzz::require_refusal(error, GENLAYER_INVALID_REQUEST);
        fuzz::require(!before, "a key can be stored into any config that loads");
        return 0;
    }
    const auto after = try_load();
    fuzz::require(before.has_value() == after.has_value(), "storing a key changes nothing else that decides loading");
    if (!after) return 0;
    fuzz::require(after->api_key == kStoredKey, "the stored key is the key");
    fuzz::require(after->base_url == before->base_url && after->timeout_s == before->timeout_s,
                  "storing a key keeps the other settings");
    return 0;
}
