// Real servers on free loopback ports for the network tests: an httplib
// server with fixed routes, a listener that accepts and never answers, and a
// port where nothing listens.
#pragma once

#include <httplib.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace genlayer::test {

inline std::string loopback_url(int port, std::string_view path) {
    return "http://127.0.0.1:" + std::to_string(port) + std::string(path);
}

class LoopbackServer {
public:
    explicit LoopbackServer(const std::function<void(httplib::Server&)>& routes) {
        routes(server_);
        // One request per connection, so stop() never waits on an idle keep-alive.
        server_.set_keep_alive_max_count(1);
        port_ = server_.bind_to_any_port("127.0.0.1");
        if (port_ <= 0) throw std::runtime_error("could not bind a loopback port");
        thread_ = std::thread([this] { server_.listen_after_bind(); });
        // stop() is a no-op until the accept loop runs.
        while (!server_.is_running()) std::this_thread::yield();
    }
    ~LoopbackServer() {
        server_.stop();
        thread_.join();
    }
    LoopbackServer(const LoopbackServer&) = delete;
    LoopbackServer& operator=(const LoopbackServer&) = delete;

    int port() const { return port_; }
    std::string url(std::string_view path = "") const { return loopback_url(port_, path); }

private:
    httplib::Server server_;
    int port_ = 0;
    std::thread thread_;
};

// Accepts connections (the kernel completes them) but never reads or answers.
class SilentListener {
public:
    SilentListener() : socket_(bound_socket()) {
        if (::listen(socket_, 8) != 0) throw std::runtime_error("listen failed");
    }
    ~SilentListener() {
        for (int connection : accepted_) ::close(connection);
        ::close(socket_);
    }
    SilentListener(const SilentListener&) = delete;
    SilentListener& operator=(const SilentListener&) = delete;

    std::string url(std::string_view path = "") const { return loopback_url(port_of(socket_), path); }

    // Blocks until a client has connected and sent its request headers, so
    // the client is then idle, waiting for an answer that never comes.
    void accept_request() {
        const int connection = ::accept(socket_, nullptr, nullptr);
        accepted_.push_back(connection);
        std::string received;
        char buffer[1024];
        while (received.find("\r\n\r\n") == std::string::npos) {
            const ssize_t n = ::recv(connection, buffer, sizeof buffer, 0);
            if (n <= 0) throw std::runtime_error("the client hung up before sending its request");
            received.append(buffer, size_t(n));
        }
    }

    static int bound_socket() {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0)
            throw std::runtime_error("could not bind a loopback port");
        return fd;
    }
    static int port_of(int fd) {
        sockaddr_in address{};
        socklen_t length = sizeof address;
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
        return ntohs(address.sin_port);
    }

private:
    int socket_;
    std::vector<int> accepted_;
};

// A loopback port that was free a moment ago and has no listener.
inline int closed_port() {
    const int fd = SilentListener::bound_socket();
    const int port = SilentListener::port_of(fd);
    ::close(fd);
    return port;
}

}  // namespace genlayer::test
