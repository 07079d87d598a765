// What every failure of the CLI must look like on stderr.
#pragma once

#include "test_fixture.hpp"

#include <catch2/catch.hpp>

namespace genlayer::testing {

// The last line is one sentence, "genlayer: …." with no JSON; no bare
// "failed" line stands before it; the key appears nowhere.
inline void check_one_sentence(const CliResult& result) {
    INFO("stderr: " << result.err);
    const auto last_line_start = result.err.rfind('\n', result.err.size() - 2);
    const auto sentence = result.err.substr(last_line_start == std::string::npos ? 0 : last_line_start + 1);
    CHECK_THAT(sentence, Catch::StartsWith("genlayer: ") && Catch::EndsWith(".\n"));
    CHECK(sentence.find('{') == std::string::npos);
    CHECK(result.err.find("genlayer: failed\n") == std::string::npos);
    CHECK(result.err.find(kTestKey) == std::string::npos);
}

}  // namespace genlayer::testing
