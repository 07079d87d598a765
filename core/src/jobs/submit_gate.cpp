#include "jobs/submit_gate.hpp"

#include <algorithm>

namespace genlayer {
namespace {

// 429s from one burst arrive together: they count as one signal.
constexpr std::chrono::milliseconds kDecreaseQuietTime{1000};

}  // namespace

SubmitGate::SubmitGate(int max_limit) : max_limit_(std::max(1, max_limit)), limit_(max_limit_) {}

SubmitGate::Permit& SubmitGate::Permit::operator=(Permit&& other) noexcept {
    if (this != &other) {
        release();
        gate_ = other.gate_;
        accepted_ = other.accepted_;
        other.gate_ = nullptr;
    }
    return *this;
}

void SubmitGate::Permit::accepted() {
    if (gate_ && !accepted_) {
        accepted_ = true;
        gate_->note_accepted();
    }
}

void SubmitGate::Permit::release() {
    if (gate_) gate_->release(accepted_);
    gate_ = nullptr;
}

SubmitGate::Permit SubmitGate::acquire(CancelToken& cancel) {
    std::unique_lock lock(mutex_);
    // Wake now and then to notice a cancel: CancelToken has its own condition.
    while (in_flight_ >= limit_) {
        if (cancel.cancelled()) return {};
        freed_.wait_for(lock, std::chrono::milliseconds(50));
    }
    if (cancel.cancelled()) return {};
    ++in_flight_;
    return Permit(this);
}

void SubmitGate::note_accepted() {
    std::lock_guard lock(mutex_);
    ++accepted_;
}

void SubmitGate::release(bool accepted) {
    {
        std::lock_guard lock(mutex_);
        --in_flight_;
        if (accepted) {
            --accepted_;
            if (++finished_since_increase_ >= limit_ && limit_ < max_limit_) {
                ++limit_;
                finished_since_increase_ = 0;
            }
        }
    }
    freed_.notify_all();
}

void SubmitGate::rate_limited() {
    std::lock_guard lock(mutex_);
    const auto now = std::chrono::steady_clock::now();
    if (now - last_decrease_ < kDecreaseQuietTime) return;
    last_decrease_ = now;
    limit_ = std::max({1, limit_ / 2, accepted_});
    finished_since_increase_ = 0;
}

int SubmitGate::limit() const {
    std::lock_guard lock(mutex_);
    return limit_;
}

int SubmitGate::in_flight() const {
    std::lock_guard lock(mutex_);
    return in_flight_;
}

}  // namespace genlayer
