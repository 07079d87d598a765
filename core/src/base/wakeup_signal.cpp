#include "base/wakeup_signal.hpp"

#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <system_error>

namespace genlayer {

WakeupSignal::WakeupSignal() : fd_(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) {
    if (fd_ < 0) throw std::system_error(errno, std::generic_category(), "eventfd");
}

WakeupSignal::~WakeupSignal() { ::close(fd_); }

void WakeupSignal::notify() const noexcept {
    const uint64_t one = 1;
    // Only a counter at its maximum refuses, and it is readable then anyway.
    [[maybe_unused]] const auto written = ::write(fd_, &one, sizeof one);
}

void WakeupSignal::drain() const noexcept {
    uint64_t count = 0;
    // Non-blocking: EAGAIN when nothing was notified.
    [[maybe_unused]] const auto read = ::read(fd_, &count, sizeof count);
}

}  // namespace genlayer
