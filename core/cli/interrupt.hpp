// Ctrl-C and SIGTERM become a flag the CLI's wait loops read, so a job is
// cancelled cleanly (journal intact) instead of the process dying mid-write.
#pragma once

namespace genlayer::cli {

void install_interrupt_handlers();
bool interrupted();

}  // namespace genlayer::cli
