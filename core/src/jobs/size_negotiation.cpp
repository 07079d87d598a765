#include "jobs/size_negotiation.hpp"

#include <algorithm>
#include <cctype>

namespace genlayer {
namespace {

bool mentions(std::string text, std::string_view word) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return text.find(word) != std::string::npos;
}

}  // namespace

bool is_refusal_of_size(const Error& refusal) {
    const auto& code = refusal.code();
    const bool invalid = code == "invalid_request_error" || code == "invalid_request" || code == "invalid_size";
    const std::string text = refusal.what();
    return refusal.status() == GENLAYER_INVALID_REQUEST && invalid &&
           (mentions(text, "size") || mentions(text, "resolution"));
}

SizeNegotiation::SizeNegotiation(SizeAsk ask, std::optional<SizeDialect> setting, SizeDialectMemory memory,
                                 std::string base_url)
    : ask_(std::move(ask)), automatic_(!setting), memory_(std::move(memory)), base_url_(std::move(base_url)) {
    const SizeDialect first = setting ? *setting : memory_.recall(base_url_).value_or(SizeDialect::pixels);
    try {
        current_ = resolve_size(ask_, first);
    } catch (const Error& refusal) {
        if (!automatic_) throw;
        try {
            current_ = resolve_size(ask_, other_dialect(first));
        } catch (const Error&) {
            throw refusal;  // neither can say it: name what the expected dialect offers
        }
    }
}

bool SizeNegotiation::switch_after(const Error& refusal) {
    if (!automatic_ || switched_ || !is_refusal_of_size(refusal)) return false;
    switched_ = true;
    try {
        current_ = resolve_size(ask_, other_dialect(current_.dialect));
    } catch (const Error&) {
        return false;  // the other dialect cannot say it: the gateway's refusal stands
    }
    return true;
}

void SizeNegotiation::accepted() const {
    if (automatic_) memory_.remember(base_url_, current_.dialect);
}

}  // namespace genlayer
