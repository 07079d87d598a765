// genlayer-gateway: the ToAPIs gateway emulator. See gateway_usage().
#include "api_routes.hpp"
#include "control_routes.hpp"
#include "files_routes.hpp"
#include "gateway.hpp"

#include <httplib.h>

#include <pthread.h>
#include <chrono>
#include <csignal>
#include <iostream>
#include <memory>
#include <thread>

namespace {

using genlayer::emulator::Gateway;

constexpr const char* kLoopback = "127.0.0.1";
// httplib's default pool is the core count; batches keep 16 requests in flight.
constexpr size_t kServerThreads = 64;

// The bound port, or -1.
int bind_loopback(httplib::Server& server, int port) {
    if (port == 0) return server.bind_to_any_port(kLoopback);
    return server.bind_to_port(kLoopback, port) ? port : -1;
}

void tune_for_tests(httplib::Server& server) {
    server.new_task_queue = [] { return new httplib::ThreadPool(kServerThreads); };
    // Without it a short answer can wait ~40 ms for a delayed ACK (Nagle),
    // which would show up in every latency the benchmarks measure.
    server.set_tcp_nodelay(true);
}

}  // namespace

int main(int argc, char** argv) {
    genlayer::emulator::GatewayOptions options;
    try {
        options = genlayer::emulator::parse_gateway_options({argv + 1, argv + argc});
    } catch (const std::invalid_argument& error) {
        std::cerr << "genlayer-gateway: " << error.what() << "\n";
        return 2;
    }
    if (options.help) {
        std::cout << genlayer::emulator::gateway_usage();
        return 0;
    }

    // Every thread started from here on inherits the mask, so only sigwait sees these.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGTERM);
    sigaddset(&stop_signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    std::signal(SIGPIPE, SIG_IGN);  // a client that hangs up must not end the emulator

    std::unique_ptr<Gateway> gateway;
    try {
        gateway = std::make_unique<Gateway>(options);
    } catch (const std::exception& error) {
        std::cerr << "genlayer-gateway: " << error.what() << "\n";
        return 2;
    }

    httplib::Server api;
    httplib::Server files;
    tune_for_tests(api);
    tune_for_tests(files);
    genlayer::emulator::install_control_routes(api, *gateway);
    genlayer::emulator::install_api_routes(api, *gateway);
    genlayer::emulator::install_files_routes(files, *gateway);

    const int api_port = bind_loopback(api, options.port);
    const int files_port = bind_loopback(files, options.files_port);
    if (api_port < 0 || files_port < 0) {
        std::cerr << "genlayer-gateway: cannot listen on " << (api_port < 0 ? "the API" : "the files")
                  << " port; choose another with --port/--files-port or pass 0 for a free one.\n";
        return 1;
    }
    gateway->files_origin = "http://" + std::string(kLoopback) + ":" + std::to_string(files_port);

    std::thread api_thread([&api] { api.listen_after_bind(); });
    std::thread files_thread([&files] { files.listen_after_bind(); });
    // httplib's stop() is lost on a server whose loop has not started yet.
    while (!api.is_running() || !files.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    std::cout << "API " << api_port << "\nFILES " << files_port << std::endl;
    int signal_number = 0;
    sigwait(&stop_signals, &signal_number);
    gateway->close_holds();
    api.stop();
    files.stop();
    api_thread.join();
    files_thread.join();
    return 0;
}
