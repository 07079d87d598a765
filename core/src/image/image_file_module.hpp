// The interface of genlayer-openimageio.so: the module that reads and writes
// every format besides PNG, JPEG and WebP (TIFF, BMP, GIF, EXR, …) through
// OpenImageIO. It is loaded on first use because Debian's OpenImageIO,
// merely loaded, costs 124 MiB of RSS (its dependency tree, OpenVDB among
// it), four times a 4K result's own pixels.
//
// The module and the program are built from one tree by one compiler, so
// C++ types cross the interface; the version refuses a stale module. No
// function throws: a failure comes back as an outcome with a phrase.
#pragma once

#include "image/codec_common.hpp"
#include "image/rgba_image.hpp"

#include <cstdint>
#include <span>
#include <string>

namespace genlayer {

constexpr uint32_t kImageFileModuleVersion = 1;
constexpr const char* kImageFileModuleName = "genlayer-openimageio.so";

struct ModuleOutcome {
    enum Kind { ok, unknown_format, failed } kind = ok;
    std::string problem;  // a phrase, empty when ok
};

struct ImageFileModule {
    uint32_t version;
    ModuleOutcome (*read_file)(const std::string& path, const DecodeLimits& limits, RgbaImage& image);
    // `extension` names the sniffed format, e.g. "gif".
    ModuleOutcome (*decode)(std::span<const uint8_t> bytes, const std::string& extension, const DecodeLimits& limits,
                            RgbaImage& image);
    // The extension of `path` names the format.
    ModuleOutcome (*write_file)(const std::string& path, const RgbaView& image);
};

// The module beside the running executable, loaded once (thread-safe).
// Throws CodecProblem saying which file could not be loaded and why.
const ImageFileModule& image_file_module();

}  // namespace genlayer

// The one symbol the module exports.
extern "C" const genlayer::ImageFileModule* genlayer_image_file_module();
