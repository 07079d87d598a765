#include "jobs/background_check.hpp"

#include <utility>

namespace genlayer {

BackgroundCheck::BackgroundCheck(Settings settings)
    : worker_([this, settings = std::move(settings)] { run(settings); }) {}

BackgroundCheck::~BackgroundCheck() {
    cancel_->cancel();
    worker_.join();
}

void BackgroundCheck::run(const Settings& settings) noexcept {
    try {
        result_ = check_gateway(settings, cancel_);
    } catch (...) {  // check_gateway keeps the gateway's own errors: this is a local one, such as memory
        result_.status = GENLAYER_INTERNAL;
    }
    done_.store(true, std::memory_order_release);
}

}  // namespace genlayer
