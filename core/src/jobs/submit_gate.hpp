// How many tasks may be unfinished on the gateway at once, for a batch.
//
// The gateway limits concurrent tasks per key and answers 429 beyond it.
// The gate starts at the user's --jobs, halves its limit on a 429 (but not
// below the tasks the gateway has already accepted: those prove the
// capacity), and adds one slot after each `limit` tasks that finished without
// a 429 — additive increase, multiplicative decrease.
#pragma once

#include "base/cancel_token.hpp"

#include <chrono>
#include <condition_variable>
#include <mutex>

namespace genlayer {

class SubmitGate {
public:
    explicit SubmitGate(int max_limit);

    // A slot held from before the submit until the task is final.
    class Permit {
    public:
        Permit() = default;
        explicit Permit(SubmitGate* gate) : gate_(gate) {}
        Permit(Permit&& other) noexcept : gate_(other.gate_), accepted_(other.accepted_) { other.gate_ = nullptr; }
        Permit& operator=(Permit&& other) noexcept;
        ~Permit() { release(); }
        // The gateway created the task: it now counts as proven capacity.
        void accepted();
        // The task is final (or was never created): the slot is free again.
        void release();

    private:
        SubmitGate* gate_ = nullptr;
        bool accepted_ = false;
    };

    // Waits for a free slot; an empty Permit when cancelled first.
    Permit acquire(CancelToken& cancel);

    // A 429 answer from the gateway.
    void rate_limited();

    int limit() const;
    int in_flight() const;

private:
    void release(bool accepted);
    void note_accepted();

    const int max_limit_;
    mutable std::mutex mutex_;
    std::condition_variable freed_;
    int limit_;
    int in_flight_ = 0;  // permits held
    int accepted_ = 0;   // of which the gateway created the task
    int finished_since_increase_ = 0;
    std::chrono::steady_clock::time_point last_decrease_{};
};

}  // namespace genlayer
