#include "base/status.hpp"
#include "gateway/generation_request.hpp"

#include <catch2/catch.hpp>

#include <unistd.h>
#include <filesystem>
#include <fstream>

using genlayer::GenerationRequest;

namespace {

GenerationRequest request_for(std::string prompt) {
    GenerationRequest request;
    request.prompt = std::move(prompt);
    return request;
}

genlayer::SizeSpec pixels_size(const GenerationRequest& request) {
    genlayer::validate_request(request);
    return genlayer::resolve_size(genlayer::size_ask(request), genlayer::SizeDialect::pixels);
}

std::string refusal(const GenerationRequest& request) {
    try {
        pixels_size(request);
    } catch (const genlayer::Error& error) {
        CHECK(error.status() == GENLAYER_INVALID_REQUEST);
        return error.what();
    }
    FAIL("the request was accepted");
    return {};
}

std::string refusal_of_reference(const std::string& reference) {
    GenerationRequest request = request_for("a cat");
    request.extra_references = {reference};
    return refusal(request);
}

// A folder holding one readable file, removed at the end of the test.
struct ScratchFiles {
    std::filesystem::path dir =
        std::filesystem::temp_directory_path() / ("genlayer-request-" + std::to_string(getpid()));
    std::filesystem::path file = dir / "reference.png";
    ScratchFiles() {
        std::filesystem::create_directories(dir);
        std::ofstream(file) << "bytes";
    }
    ~ScratchFiles() { std::filesystem::remove_all(dir); }
};

}  // namespace

TEST_CASE("a plain prompt resolves to the default 1024x1024", "[generation_request]") {
    const auto choice = pixels_size(request_for("a red fox in snow"));
    CHECK(choice.size == "1024x1024");
    CHECK(choice.resolution == "1024");
}

TEST_CASE("auto size follows the reference's dimensions", "[generation_request]") {
    GenerationRequest request = request_for("repaint this");
    request.reference = genlayer::RgbaImage(1920, 1080);
    CHECK(pixels_size(request).size == "2048x1152");

    request.reference = genlayer::RgbaImage(1200, 800);
    CHECK(pixels_size(request).size == "1536x1024");

    request.reference = genlayer::RgbaImage(1000, 1500);
    request.resolution = "2048";
    CHECK(pixels_size(request).size == "1360x2048");
}

TEST_CASE("a given size or resolution is honoured without a reference", "[generation_request]") {
    GenerationRequest request = request_for("a map");
    request.resolution = "2048";
    CHECK(pixels_size(request).size == "2048x2048");

    request.resolution = "auto";
    request.size = "1024x1536";
    const auto choice = pixels_size(request);
    CHECK(choice.size == "1024x1536");
    CHECK(choice.resolution == "1536");

    request.resolution = "1024";
    CHECK_THAT(refusal(request), Catch::StartsWith("Size 1024x1536 does not match resolution 1024"));
}

TEST_CASE("the prompt must hold 1 to 32000 characters", "[generation_request]") {
    CHECK(refusal(request_for("")) == "The prompt is empty; type what the new layer should show.");
    CHECK(refusal(request_for(" \n\t ")) == "The prompt is empty; type what the new layer should show.");
    CHECK(refusal(request_for(std::string(40000, 'a'))) ==
          "The prompt has 40000 characters; the gateway accepts at most 32000.");

    // Characters are code points: 32000 "é" are 64000 bytes and still fit.
    std::string accented;
    for (int i = 0; i < 32000; ++i) accented += "\xc3\xa9";
    CHECK_NOTHROW(genlayer::validate_request(request_for(accented)));
    CHECK(refusal(request_for(accented + "\xc3\xa9")) ==
          "The prompt has 32001 characters; the gateway accepts at most 32000.");
}

TEST_CASE("n, response format and model are checked", "[generation_request]") {
    GenerationRequest request = request_for("a cat");
    request.n = 7;
    CHECK(refusal(request) == "Variations must be between 1 and 4 (got 7).");
    request.n = 0;
    CHECK(refusal(request) == "Variations must be between 1 and 4 (got 0).");
    request.n = 4;
    CHECK_NOTHROW(genlayer::validate_request(request));

    request.response_format = "xml";
    CHECK(refusal(request) == "The response format must be url or b64_json (got \"xml\").");
    request.response_format = "b64_json";
    CHECK_NOTHROW(genlayer::validate_request(request));

    for (const char* model : {"", "gpt image 2"}) {
        request.model = model;
        CHECK(refusal(request) == "The model id \"" + std::string(model) +
                                      "\" is not valid; use an id without spaces such as gpt-image-2.");
    }
}

TEST_CASE("references are http(s) URLs or readable local files", "[generation_request]") {
    const ScratchFiles scratch;
    GenerationRequest request = request_for("combine these");
    request.extra_references = {"https://files.example.com/a.png", "http://127.0.0.1:8080/b.jpg",
                                scratch.file.string()};
    CHECK_NOTHROW(genlayer::validate_request(request));

    const std::string missing = (scratch.dir / "missing.png").string();
    CHECK(refusal_of_reference(missing) == "Reference file " + missing + " does not exist.");
    CHECK(refusal_of_reference(scratch.dir.string()) ==
          "Reference " + scratch.dir.string() + " is not a file; pass an image file or an http(s) URL.");
    CHECK(refusal_of_reference("") == "A reference is empty; pass an image file or an http(s) URL.");
    CHECK(refusal_of_reference("ftp://example.com/a.png") ==
          "Reference \"ftp://example.com/a.png\" is not an http(s) URL; pass an http(s) URL or a local image file.");
}

TEST_CASE("inline image data is refused as a reference", "[generation_request]") {
    CHECK(refusal_of_reference("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk") ==
          "Reference \"iVBORw0KGgoAAAANSUhEUgAA…\" looks like inline base64 image data; the gateway accepts only "
          "http(s) URLs, so pass a file path and it will be uploaded first.");
    // The echo is cut after 24 code points, never inside one.
    std::string accents;
    for (int i = 0; i < 10; ++i) accents += "\xc3\xa9";
    CHECK_THAT(refusal_of_reference("data:text/plain," + accents),
               Catch::StartsWith("Reference \"data:text/plain," + accents.substr(0, 16) + "…\" looks like"));
    CHECK_THAT(refusal_of_reference("data:image/png;base64,iVBORw0KGgo="),
               Catch::StartsWith("Reference \"data:image/png;base64,iV…\" looks like inline base64 image data"));
}

TEST_CASE("at most 16 references, the region's own included", "[generation_request]") {
    GenerationRequest request = request_for("a collage");
    request.extra_references.assign(16, "https://files.example.com/a.png");
    CHECK_NOTHROW(genlayer::validate_request(request));
    request.reference = genlayer::RgbaImage(64, 64);
    CHECK(refusal(request) == "There are 17 reference images; the gateway accepts at most 16.");
}

TEST_CASE("looks_like_inline_image tells base64 and data URIs from paths and URLs", "[generation_request]") {
    for (const char* inline_image :
         {"data:image/png;base64,AAAA", "DATA:image/jpeg;base64,/9j/", "/9j/4AAQSkZJRgABAQAAAQABAAD",
          "R0lGODlhAQABAIAAAP///wAAACw=", "UklGRiQAAABXRUJQVlA4IBgAAAAwAQCdASoBAAEAAwA0JaQAA3AA/vuUAAA=",
          "iVBORw0KGgoAAAANSUhEUgAA\nAAEAAAABCAYAAAAfFcSJ\n"})
        CHECK(genlayer::looks_like_inline_image(inline_image));
    CHECK(genlayer::looks_like_inline_image(std::string(300, 'Q')));

    for (const char* not_inline : {"photos/cat.png", "/home/me/ref", "https://files.example.com/a.png", "reference",
                                   "C:\\images\\ref.jpg", "~/Pictures/sky.webp"})
        CHECK_FALSE(genlayer::looks_like_inline_image(not_inline));
    CHECK_FALSE(genlayer::looks_like_inline_image(std::string(100, 'Q')));
}

TEST_CASE("text that is not UTF-8 is refused before anything is sent", "[generation_request]") {
    CHECK_THAT(refusal(request_for("caf\xE9")), Catch::StartsWith("The prompt is not UTF-8 text (byte 0xE9"));
    auto model = request_for("ok");
    model.model = "gpt\xFF";
    CHECK_THAT(refusal(model), Catch::StartsWith("The model id is not UTF-8"));
    auto reference = request_for("ok");
    reference.extra_references = {"/tmp/caf\xE9.png"};
    CHECK_THAT(refusal(reference), Catch::StartsWith("A reference's name is not UTF-8"));
}
