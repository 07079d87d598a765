// genlayer-openimageio.so: the formats besides PNG, JPEG and WebP, through
// OpenImageIO (see image_file_module.hpp for why this is a module).
#include "image/image_file_module.hpp"

#include <OpenImageIO/filesystem.h>
#include <OpenImageIO/imageio.h>

#include <algorithm>
#include <memory>

namespace genlayer {
namespace {

using OIIO::ImageInput;
using OIIO::ImageOutput;
using OIIO::ImageSpec;
using OIIO::TypeDesc;

// OpenImageIO premultiplies alpha unless told otherwise; the core keeps
// straight alpha end to end, as PNG and the C ABI store it.
constexpr const char* kUnassociatedAlpha = "oiio:UnassociatedAlpha";

// OpenImageIO messages can span lines and end with a period; a sentence
// quotes only their first line.
std::string first_line(const std::string& message) {
    std::string line = message.substr(0, message.find('\n'));
    while (!line.empty() && (line.back() == '.' || line.back() == ' ' || line.back() == '\r')) line.pop_back();
    return line.empty() ? "no detail given" : line;
}

// The message of a failed ImageInput/ImageOutput, or of a failed open/create
// (held per thread by OpenImageIO). Reading it also clears it, so nothing is
// left to be printed to stderr when the object dies.
template <class ImageIo>
std::string problem_of(ImageIo* io) {
    return first_line(io ? io->geterror() : OIIO::geterror());
}

ModuleOutcome failure(ModuleOutcome::Kind kind, std::string problem) { return {kind, std::move(problem)}; }

// OpenImageIO converts each read through a buffer of its own as large as the
// read: a whole 4K image read at once would be held twice. Bands of rows keep
// that buffer small (tiled files are read whole).
constexpr int kRowsPerRead = 256;

bool read_channels(ImageInput& input, int channels, RgbaImage& image) {
    const ImageSpec& spec = input.spec();
    if (spec.tile_width > 0) return input.read_image(0, 0, 0, channels, TypeDesc::UINT8, image.pixels.data(), 4);
    for (int row = 0; row < spec.height; row += kRowsPerRead) {
        const int end = std::min(spec.height, row + kRowsPerRead);
        if (!input.read_scanlines(0, 0, spec.y + row, spec.y + end, spec.z, 0, channels, TypeDesc::UINT8,
                                  image.row(uint32_t(row)), 4))
            return false;
    }
    return true;
}

// Fills in what the channels read in place (4-byte stride) left out: gray
// spreads to RGB, missing alpha is opaque.
void complete_rgba(int channels, RgbaImage& image) {
    uint8_t* const end = image.pixels.data() + image.pixels.size();
    switch (channels) {
        case 1:  // gray
            for (uint8_t* p = image.pixels.data(); p != end; p += 4) p[1] = p[2] = p[0], p[3] = 255;
            break;
        case 2:  // gray + alpha
            for (uint8_t* p = image.pixels.data(); p != end; p += 4) p[3] = p[1], p[1] = p[2] = p[0];
            break;
        case 3:  // RGB
            for (uint8_t* p = image.pixels.data(); p != end; p += 4) p[3] = 255;
            break;
        default: break;
    }
}

// Opens `name` (through `proxy` when given) and reads its first subimage as
// straight RGBA8, checking the dimensions before allocating.
ModuleOutcome read_rgba8(const std::string& name, OIIO::Filesystem::IOProxy* proxy, const DecodeLimits& limits,
                         RgbaImage& image) {
    ImageSpec config;
    config.attribute(kUnassociatedAlpha, 1);
    if (proxy) config.attribute("oiio:ioproxy", TypeDesc::PTR, &proxy);
    auto input = ImageInput::open(name, &config);
    if (!input) return failure(ModuleOutcome::unknown_format, problem_of<ImageInput>(nullptr));
    const ImageSpec& spec = input->spec();
    try {
        check_dimensions(uint64_t(std::max(spec.width, 0)), uint64_t(std::max(spec.height, 0)), limits);
        if (spec.nchannels <= 0) throw CodecProblem("it has no pixels");
        image = RgbaImage(uint32_t(spec.width), uint32_t(spec.height));
    } catch (const std::exception& problem) {
        return failure(ModuleOutcome::failed, problem.what());
    }
    const int channels = std::min(spec.nchannels, 4);
    // has_error: some readers pad a truncated file and only warn.
    if (!read_channels(*input, channels, image) || input->has_error())
        return failure(ModuleOutcome::failed, problem_of(input.get()));
    complete_rgba(channels, image);
    return {};
}

ModuleOutcome read_file(const std::string& path, const DecodeLimits& limits, RgbaImage& image) {
    return read_rgba8(path, nullptr, limits, image);
}

ModuleOutcome decode(std::span<const uint8_t> bytes, const std::string& extension, const DecodeLimits& limits,
                     RgbaImage& image) {
    // A memory proxy gives OpenImageIO no file name to guess the format from.
    const std::string name = "memory." + extension;
    OIIO::Filesystem::IOMemReader source(bytes.data(), bytes.size());
    ModuleOutcome outcome = read_rgba8(name, &source, limits, image);
    // OpenImageIO quotes the made-up file name, which means nothing to a person.
    const std::string quoted_name = " (\"" + name + "\")";
    if (const size_t at = outcome.problem.find(quoted_name); at != std::string::npos)
        outcome.problem.erase(at, quoted_name.size());
    return outcome;
}

ModuleOutcome write_file(const std::string& path, const RgbaView& image) {
    auto output = ImageOutput::create(path);
    if (!output) return failure(ModuleOutcome::unknown_format, problem_of<ImageOutput>(nullptr));
    const int channels = output->supports("alpha") ? 4 : 3;
    ImageSpec spec(int(image.width), int(image.height), channels, TypeDesc::UINT8);
    if (channels == 4) {
        spec.alpha_channel = 3;
        spec.attribute(kUnassociatedAlpha, 1);
    }
    // The 4-byte pixel stride skips alpha when the spec has three channels.
    if (!output->open(path, spec) ||
        !output->write_image(TypeDesc::UINT8, image.pixels, 4, OIIO::stride_t(image.stride)) || !output->close())
        return failure(ModuleOutcome::failed, problem_of(output.get()));
    return {};
}

constexpr ImageFileModule kModule{kImageFileModuleVersion, read_file, decode, write_file};

}  // namespace
}  // namespace genlayer

extern "C" __attribute__((visibility("default"))) const genlayer::ImageFileModule* genlayer_image_file_module() {
    return &genlayer::kModule;
}
