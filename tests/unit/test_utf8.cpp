#include "base/utf8.hpp"
#include "status_of.hpp"

#include <catch2/catch.hpp>

using namespace genlayer;
using genlayer::test::status_of;

TEST_CASE("well-formed UTF-8 passes, and the first bad byte is found", "[utf8]") {
    CHECK_FALSE(first_invalid_utf8(""));
    CHECK_FALSE(first_invalid_utf8("plain ascii"));
    CHECK_FALSE(first_invalid_utf8("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x8C\x8A"));  // é € 🌊
    CHECK_FALSE(first_invalid_utf8("\xF4\x8F\xBF\xBF"));                           // U+10FFFF, the last code point

    struct Bad {
        std::string text;
        size_t at;
    };
    const Bad bad[] = {
        {"caf\xE9", 3},               // Latin-1 é
        {"ab\x80", 2},                // a lone continuation byte
        {"\xC0\x80", 0},              // an overlong NUL
        {"\xE0\x80\xAF", 0},          // an overlong slash
        {"\xED\xA0\x80", 0},          // a UTF-16 surrogate
        {"\xF4\x90\x80\x80", 0},      // above U+10FFFF
        {"ok \xE2\x82", 3},           // cut short
        {"\xF8\x88\x80\x80\x80", 0},  // a five-byte form
    };
    for (const Bad& case_ : bad) {
        INFO(case_.at);
        REQUIRE(first_invalid_utf8(case_.text));
        CHECK(*first_invalid_utf8(case_.text) == case_.at);
    }
}

TEST_CASE("require_utf8 names the text and the byte, in one sentence", "[utf8]") {
    CHECK(status_of([] { require_utf8("caf\xE9", "The prompt"); }) == GENLAYER_INVALID_REQUEST);
    try {
        require_utf8("caf\xE9", "The prompt");
        FAIL("no error");
    } catch (const Error& error) {
        CHECK(std::string(error.what()) ==
              "The prompt is not UTF-8 text (byte 0xE9 at position 4), so nothing was sent; switch the terminal or "
              "the file to UTF-8, or convert the text with iconv.");
    }
}

TEST_CASE("counting and cutting never split a character", "[utf8]") {
    CHECK(count_code_points("caf\xC3\xA9") == 4);
    CHECK(utf8_cut("caf\xC3\xA9", 4) == 3);
    CHECK(utf8_cut("caf\xC3\xA9", 5) == 5);
    CHECK(abbreviated("caf\xC3\xA9 au lait", 4) == "caf\xC3\xA9…");
}
