// genlayer check: does the base URL answer like the gateway, does the key
// work, which size dialect is known. Costs nothing.
#include "commands.hpp"

#include "common_options.hpp"
#include "exit_codes.hpp"
#include "gateway/gateway_check.hpp"

#include <nlohmann/json.hpp>

#include <iostream>

namespace genlayer::cli {

int run_check(int argc, char** argv) {
    const Arguments args(argc, argv, 2, with_common_flags({}), with_common_switches({}));
    const auto common = read_common_options(args);
    if (!args.positional().empty())
        throw Error(GENLAYER_INVALID_REQUEST,
                    "check takes no plain arguments; give --base-url to check another gateway.");
    const auto check = check_gateway(load_settings(common.overrides), std::make_shared<CancelToken>());
    if (common.json) {
        std::cout << nlohmann::json{{"base_url", check.base_url},
                                    {"answer", check.answer},
                                    {"key", check.key},
                                    {"size_dialect", check.size_dialect},
                                    {"status", genlayer_status_name(check.status)}}
                         .dump()
                  << std::endl;
    } else {
        std::cout << check.report() << std::endl;
    }
    return exit_code_for(check.status);
}

}  // namespace genlayer::cli
