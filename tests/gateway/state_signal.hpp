// Wakes GET /_emulator/wait whenever something it can wait for changes, so
// that a test waits for a state of the emulator instead of sleeping.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>

namespace genlayer::emulator {

class StateSignal {
public:
    // Call after a change, never while holding a lock that `holds` takes.
    void notify();

    // Asks `holds` now and after every notify() until it answers true,
    // `deadline` passes or close() is called; returns its last answer.
    bool wait_until(const std::function<bool()>& holds, std::chrono::steady_clock::time_point deadline);

    // Ends every wait, now and later: the emulator is stopping.
    void close();

private:
    std::mutex mutex_;
    std::condition_variable changed_;
    bool closed_ = false;
};

}  // namespace genlayer::emulator
