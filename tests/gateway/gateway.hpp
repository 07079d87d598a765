// Everything the emulator's two servers share.
#pragma once

#include "emulator_clock.hpp"
#include "fault_plan.hpp"
#include "gateway_options.hpp"
#include "request_gate.hpp"
#include "request_log.hpp"
#include "state_signal.hpp"
#include "task_registry.hpp"
#include "upload_store.hpp"

#include <string>

namespace genlayer::emulator {

struct Gateway {
    explicit Gateway(GatewayOptions gateway_options)
        : options(std::move(gateway_options)), faults(kDefaultGenMs), log(options.log_path) {
        faults.arm(options.faults);
    }

    // Lets every held request go and ends every wait, so that the servers
    // can stop: their worker threads are joined.
    void close_holds() {
        held_submits.close();
        held_downloads.close();
        held_status.close();
        changes.close();
    }

    GatewayOptions options;
    EmulatorClock clock;
    FaultPlan faults;
    RequestLog log;
    UploadStore uploads;
    StateSignal changes;  // before everything that notifies it
    TaskRegistry tasks{changes};
    RequestGate held_submits{changes};
    RequestGate held_downloads{changes};
    RequestGate held_status{changes};
    std::string files_origin;  // http://127.0.0.1:<files port>, set once the port is bound
};

}  // namespace genlayer::emulator
