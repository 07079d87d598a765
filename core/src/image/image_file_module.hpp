// The interface of genlayer-openimageio.so: the module that decodes every
// result, and reads and writes every local format besides PNG, JPEG and WebP
// (TIFF, BMP, GIF, EXR, …), through OpenImageIO. It is loaded once, when a
// job first waits on the server, because Debian's OpenImageIO, merely
// loaded, costs 124 MiB of RSS (its dependency tree, OpenVDB among it) and
// a fifth of a second: a program that never decodes never pays that, and a
// job pays it while the task runs.
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

// Throws LocalFileError when the module's file is missing: a job checks that
// before it submits, since it could not decode the result it would pay for.
void require_image_file_module();

// Loads the module now if it can. A failure is left for the first use to
// report, with the sentence that names the file it needed.
void preload_image_file_module() noexcept;

}  // namespace genlayer

// The one symbol the module exports.
extern "C" const genlayer::ImageFileModule* genlayer_image_file_module();
