#include "batch_plan.hpp"

#include <filesystem>
#include <map>

namespace genlayer::cli {
namespace fs = std::filesystem;

std::vector<BatchItem> plan_batch(const std::vector<std::string>& inputs, const std::string& output_dir,
                                  const std::string& prompt, const std::vector<JournalEntry>& journal) {
    // The newest entry for each (input, output) pair with this prompt.
    std::map<std::pair<std::string, std::string>, const JournalEntry*> known;
    for (const auto& entry : journal) {
        const auto& target = entry.target;
        if (!target.contains("batch_input") || entry.request.value("prompt", "") != prompt) continue;
        const auto outputs = target.value("outputs", nlohmann::json::array());
        if (outputs.size() != 1) continue;
        known[{target["batch_input"].get<std::string>(), outputs[0].get<std::string>()}] = &entry;
    }

    const long long now = unix_now();
    std::vector<BatchItem> items;
    for (const auto& input : inputs) {
        BatchItem item;
        item.input = fs::absolute(input).lexically_normal().string();
        item.output =
            (fs::absolute(output_dir) / (fs::path(input).stem().string() + ".png")).lexically_normal().string();
        if (fs::exists(item.output)) {
            item.action = BatchItem::Action::skip_done;
        } else if (auto it = known.find({item.input, item.output}); it != known.end()) {
            const JournalEntry& entry = *it->second;
            item.task_id = entry.task_id;
            if (entry.stage == JobStage::outcome_unknown || entry.stage == JobStage::submitting)
                item.action = BatchItem::Action::skip_unknown;
            else if (entry.collectable(now) || (entry.stage == JobStage::collected && !entry.task_id.empty()))
                item.action = BatchItem::Action::collect;
        }
        items.push_back(std::move(item));
    }
    return items;
}

}  // namespace genlayer::cli
