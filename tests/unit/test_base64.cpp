#include "base/base64.hpp"

#include <catch2/catch.hpp>

#include <string>

using genlayer::decode_base64;

static std::string as_text(const std::vector<uint8_t>& bytes) { return {bytes.begin(), bytes.end()}; }

TEST_CASE("base64 decodes the RFC 4648 test vectors") {
    CHECK(as_text(*decode_base64("")) == "");
    CHECK(as_text(*decode_base64("Zg==")) == "f");
    CHECK(as_text(*decode_base64("Zm8=")) == "fo");
    CHECK(as_text(*decode_base64("Zm9v")) == "foo");
    CHECK(as_text(*decode_base64("Zm9vYmE=")) == "fooba");
    CHECK(as_text(*decode_base64("Zm9v\nYmFy")) == "foobar");
}

TEST_CASE("base64 refuses text outside the alphabet") {
    CHECK_FALSE(decode_base64("Zm9v!"));
    CHECK_FALSE(decode_base64("Zg=x"));
    CHECK_FALSE(decode_base64("Z"));
}
