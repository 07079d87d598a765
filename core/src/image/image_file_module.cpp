#include "image/image_file_module.hpp"

#include "base/local_file_error.hpp"

#include <dlfcn.h>

#include <filesystem>
#include <system_error>

namespace genlayer {
namespace {

// Beside the executable (build/bin in the build tree, the plug-in's own
// folder once installed), else where an installed CLI keeps it: the library
// folder GENLAYER_MODULE_DIR_FROM_BINDIR leads to from the executable's.
std::filesystem::path module_path() {
    std::error_code error;
    const auto executable = std::filesystem::read_symlink("/proc/self/exe", error);
    const auto folder = error ? std::filesystem::path(".") : executable.parent_path();
    const auto beside = folder / kImageFileModuleName;
    const auto installed = folder / GENLAYER_MODULE_DIR_FROM_BINDIR / kImageFileModuleName;
    return std::filesystem::exists(beside, error) || !std::filesystem::exists(installed, error)
               ? beside
               : installed.lexically_normal();
}

const ImageFileModule& load_module() {
    const auto path = module_path();
    const auto refuse = [&path](const std::string& why) {
        return CodecProblem("decoding results, and reading formats other than PNG, JPEG and WebP, need " +
                            path.string() + ", which " + why);
    };
    // Never closed: OpenImageIO keeps threads and plug-ins of its own.
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        std::string why = dlerror();
        why = why.substr(0, why.find('\n'));
        // dlerror repeats the path the sentence already names.
        if (why.starts_with(path.string() + ": ")) why.erase(0, path.string().size() + 2);
        throw refuse("could not be loaded: " + why);
    }
    using Entry = const ImageFileModule* (*)();
    const auto entry = reinterpret_cast<Entry>(dlsym(handle, "genlayer_image_file_module"));
    const ImageFileModule* module = entry ? entry() : nullptr;
    if (!module || module->version != kImageFileModuleVersion)
        throw refuse("is not the version this program was built with");
    return *module;
}

}  // namespace

const ImageFileModule& image_file_module() {
    // A failed load throws out of the initialiser and is tried again next time.
    static const ImageFileModule& module = load_module();
    return module;
}

void require_image_file_module() {
    const auto path = module_path();
    std::error_code error;
    if (std::filesystem::exists(path, error)) return;
    throw LocalFileError("Results are decoded by " + path.string() +
                         ", which is missing, so nothing was sent; reinstall genlayer with the module beside the "
                         "program.");
}

void preload_image_file_module() noexcept {
    try {
        image_file_module();
    } catch (const CodecProblem&) {}
}

}  // namespace genlayer
