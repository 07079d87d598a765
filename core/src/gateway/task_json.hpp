// Reading the gateway's task answers (submit and status).
#pragma once

#include "gateway/task_info.hpp"

#include <string_view>

namespace genlayer {

// Reads a status/submit body; throws Error(BAD_RESPONSE) when malformed.
TaskInfo parse_task(std::string_view json);

}  // namespace genlayer
