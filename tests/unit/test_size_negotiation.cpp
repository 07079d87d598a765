#include "jobs/size_negotiation.hpp"

#include <catch2/catch.hpp>

#include <unistd.h>
#include <filesystem>
#include <fstream>

using namespace genlayer;

namespace {

struct MemoryFile {
    std::filesystem::path path =
        std::filesystem::temp_directory_path() / ("genlayer-dialects-" + std::to_string(::getpid()) + ".json");
    ~MemoryFile() { std::filesystem::remove(path); }
};

const Error kSizeRefused(GENLAYER_INVALID_REQUEST,
                         "The gateway refused the submit as invalid (400) (the gateway "
                         "said: 'size 1536x1024 is not supported').",
                         "invalid_request");

SizeAsk ask(std::string size, std::string resolution = "auto") { return {std::move(size), std::move(resolution)}; }

}  // namespace

TEST_CASE("a refusal is about the size only with a documented code and a message naming it", "[negotiation]") {
    CHECK(is_refusal_of_size(kSizeRefused));
    CHECK(is_refusal_of_size(Error(GENLAYER_INVALID_REQUEST, "bad resolution 1K", "invalid_request_error")));
    CHECK(is_refusal_of_size(Error(GENLAYER_INVALID_REQUEST, "Size unknown", "invalid_size")));
    CHECK_FALSE(is_refusal_of_size(Error(GENLAYER_INVALID_REQUEST, "prompt is required", "invalid_request")));
    CHECK_FALSE(is_refusal_of_size(Error(GENLAYER_INVALID_REQUEST, "size", "invalid_reference_images")));
    CHECK_FALSE(is_refusal_of_size(Error(GENLAYER_RATE_LIMITED, "size", "invalid_request")));
}

TEST_CASE("auto switches once, to the other dialect, and remembers what was accepted", "[negotiation]") {
    MemoryFile memory;
    SizeNegotiation sizes(ask("1536x1024"), std::nullopt, SizeDialectMemory(memory.path), "http://gw");
    CHECK(sizes.current() == SizeSpec{SizeDialect::pixels, "1536x1024", "1536", 1536});
    REQUIRE(sizes.switch_after(kSizeRefused));
    CHECK(sizes.current() == SizeSpec{SizeDialect::ratio, "3:2", "1K", 1536});
    CHECK_FALSE(sizes.switch_after(kSizeRefused));  // at most one retry per job
    CHECK(sizes.current().dialect == SizeDialect::ratio);
    sizes.accepted();

    // The next job starts from the remembered dialect, for this base URL only.
    CHECK(SizeNegotiation(ask("1536x1024"), std::nullopt, SizeDialectMemory(memory.path), "http://gw")
              .current()
              .dialect == SizeDialect::ratio);
    CHECK(SizeNegotiation(ask("1536x1024"), std::nullopt, SizeDialectMemory(memory.path), "http://other")
              .current()
              .dialect == SizeDialect::pixels);
}

TEST_CASE("a fixed dialect never switches and is not remembered", "[negotiation]") {
    MemoryFile memory;
    SizeNegotiation sizes(ask("1536x1024"), SizeDialect::pixels, SizeDialectMemory(memory.path), "http://gw");
    CHECK_FALSE(sizes.switch_after(kSizeRefused));
    sizes.accepted();
    CHECK_FALSE(std::filesystem::exists(memory.path));
}

TEST_CASE("a refusal the other dialect cannot answer stands", "[negotiation]") {
    MemoryFile memory;
    SizeNegotiation sizes(ask("16:9", "4K"), std::nullopt, SizeDialectMemory(memory.path), "http://gw");
    CHECK(sizes.current().dialect == SizeDialect::ratio);  // only ratio can say 4K
    CHECK_FALSE(sizes.switch_after(kSizeRefused));
    // Neither dialect: the sentence names what the expected one (pixels) offers.
    CHECK_THROWS_WITH(SizeNegotiation(ask("7:5"), std::nullopt, SizeDialectMemory(memory.path), "http://gw"),
                      Catch::StartsWith("Size 7:5 is not offered; choose auto or one of 1024x1024"));
}

TEST_CASE("a damaged memory file is ignored", "[negotiation]") {
    MemoryFile memory;
    std::ofstream(memory.path) << "{not json";
    CHECK(SizeDialectMemory(memory.path).recall("http://gw") == std::nullopt);
    SizeDialectMemory(memory.path).remember("http://gw", SizeDialect::ratio);
    CHECK(SizeDialectMemory(memory.path).recall("http://gw") == SizeDialect::ratio);
}
