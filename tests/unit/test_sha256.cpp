#include "base/sha256.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace genlayer;

TEST_CASE("sha256_hex is the SHA-256 of the bytes", "[sha256]") {
    const std::string abc = "abc";
    CHECK(sha256_hex({reinterpret_cast<const uint8_t*>(abc.data()), abc.size()}) ==
          "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(sha256_hex({}) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}
