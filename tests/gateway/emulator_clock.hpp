// Time as the emulator sees it: steady milliseconds since start for task
// timelines and the log, wall-clock seconds for the API's timestamps.
#pragma once

#include <chrono>

namespace genlayer::emulator {

class EmulatorClock {
public:
    long long now_ms() const {
        return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start_).count();
    }
    // Unix seconds of a moment given in now_ms() terms.
    long long unix_seconds_at(long long ms) const { return (unix_ms_at_start_ + ms) / 1000; }

private:
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
    long long unix_ms_at_start_ =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
            .count();
};

}  // namespace genlayer::emulator
