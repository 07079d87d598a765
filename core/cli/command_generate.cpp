// genlayer generate: one generation from the command line.
#include "commands.hpp"

#include "base/local_file_error.hpp"
#include "common_options.hpp"
#include "exit_codes.hpp"
#include "interrupt.hpp"
#include "jobs/job.hpp"
#include "net/url.hpp"
#include "progress_reporter.hpp"
#include "writable_output.hpp"

#include <cstdio>
#include <filesystem>
#include <iostream>

namespace genlayer::cli {
namespace fs = std::filesystem;

namespace {

// OUT.png for one image; OUT-1.png … OUT-N.png for variations.
std::vector<std::string> output_paths(const std::string& output, int n) {
    if (n == 1) return {output};
    const fs::path path(output);
    std::vector<std::string> paths;
    for (int k = 1; k <= n; ++k)
        paths.push_back(
            (path.parent_path() / (path.stem().string() + "-" + std::to_string(k) + path.extension().string()))
                .string());
    return paths;
}

}  // namespace

int run_generate(int argc, char** argv) {
    const Arguments args(argc, argv, 2,
                         with_common_flags({"--prompt", "--reference", "--size", "--resolution", "-n", "--model",
                                            "--response-format", "--output"}),
                         with_common_switches({"--no-history"}));
    auto common = read_common_options(args);
    common.overrides.no_history = args.has("--no-history");
    if (!args.positional().empty())
        throw Error(GENLAYER_INVALID_REQUEST, "generate takes no plain arguments (got \"" + args.positional()[0] +
                                                  "\"); use --prompt and --reference.");
    const auto output = args.value("--output");
    if (!output || output->empty())
        throw Error(GENLAYER_INVALID_REQUEST, "Give --output OUT.png, the file to write the image to.");

    GenerationRequest request;
    request.prompt = args.value("--prompt").value_or("");
    request.size = args.value("--size").value_or("auto");
    request.resolution = args.value("--resolution").value_or("auto");
    request.n = args.integer("-n").value_or(1);
    request.model = args.value("--model").value_or(request.model);
    request.response_format = args.value("--response-format").value_or(request.response_format);
    // The first local file is the source region (it sets the aspect for
    // --size auto); other files and every URL are extra references.
    for (const auto& reference : args.values("--reference")) {
        if (!request.reference && !parse_url(reference) && !looks_like_inline_image(reference) && fs::exists(reference))
            request.reference = read_image_file(reference, {}, max_reference_edge());
        else
            request.extra_references.push_back(reference);
    }

    JobConfig config;
    config.settings = load_settings(common.overrides);
    config.poll_mode = common.poll_mode;
    const auto paths = output_paths(*output, request.n);
    for (const auto& path : paths) require_writable_file(path);
    config.target = {{"outputs", paths}};

    ProgressReporter progress(StatusLine::for_stderr(common.quiet));
    install_interrupt_handlers();
    auto job = Job::generate(std::move(request), std::move(config));
    while (!job->wait_for(std::chrono::milliseconds(50))) {
        if (interrupted()) job->cancel();
        progress.update(job->snapshot());
    }
    const auto final_state = job->snapshot();
    progress.update(final_state);
    if (final_state.state != GENLAYER_JOB_DONE) {
        if (final_state.local_file_fault) throw LocalFileError(final_state.message);
        throw Error(final_state.status, final_state.message);
    }

    const auto& images = job->results();
    std::vector<std::string> written;
    for (size_t i = 0; i < images.size() && i < paths.size(); ++i) {
        try {
            write_image_file(paths[i], view_of(images[i]));
        } catch (const LocalFileError& error) {
            // Running the same command again would pay again; the journal has the task.
            throw error.then("run `genlayer resume`, which collects the images already paid for");
        }
        written.push_back(paths[i]);
    }
    job->mark_collected(written);

    auto report = job->report();
    report["outputs"] = written;
    report["request"] = job->request_json();
    if (common.json) std::cout << report.dump() << std::endl;
    for (const auto& path : written) progress.note("wrote " + path);
    return kExitOk;
}

}  // namespace genlayer::cli
