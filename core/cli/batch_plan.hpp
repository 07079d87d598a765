// What `genlayer batch` does with each input, decided from the output folder
// and the journal before anything is sent: rerunning the same command
// continues it instead of paying again.
#pragma once

#include "jobs/journal.hpp"

#include <string>
#include <vector>

namespace genlayer::cli {

struct BatchItem {
    enum class Action {
        generate,      // nothing known: prepare, upload, submit
        collect,       // the journal has its task: collect it
        skip_done,     // the output exists
        skip_unknown,  // a submit whose outcome is unknown: never sent twice
    };
    Action action = Action::generate;
    std::string input;    // absolute path
    std::string output;   // DIR/<input name>.png
    std::string task_id;  // for collect and skip_unknown
};

// `journal` entries match an input by target.batch_input, target.outputs and
// the prompt.
std::vector<BatchItem> plan_batch(const std::vector<std::string>& inputs, const std::string& output_dir,
                                  const std::string& prompt, const std::vector<JournalEntry>& journal);

}  // namespace genlayer::cli
