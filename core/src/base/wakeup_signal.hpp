// A file descriptor that turns readable when something changed, so that a
// host can wait for a job in its own event loop (poll, select,
// g_unix_fd_add) instead of asking on a timer. An eventfd: notifications
// that arrive before the host looks are read as one.
#pragma once

namespace genlayer {

class WakeupSignal {
public:
    WakeupSignal();  // throws std::system_error when the system gives no descriptor
    ~WakeupSignal();
    WakeupSignal(const WakeupSignal&) = delete;
    WakeupSignal& operator=(const WakeupSignal&) = delete;

    int fd() const { return fd_; }
    void notify() const noexcept;  // any thread
    // Not readable again until the next notify.
    void drain() const noexcept;

private:
    int fd_;
};

}  // namespace genlayer
