#include "gateway/json_fields.hpp"

#include <limits>

namespace genlayer {

using nlohmann::json;

std::string json_string_field(const json& object, const char* name) {
    const auto field = object.find(name);
    return field != object.end() && field->is_string() ? field->get<std::string>() : std::string();
}

long long json_number_field(const json& object, const char* name) {
    const auto field = object.find(name);
    if (field == object.end() || !field->is_number()) return 0;
    // Saturated first: casting a double beyond long long's range is undefined.
    constexpr double kBeyond = 9223372036854775808.0;  // 2^63
    const double value = field->get<double>();
    if (value >= kBeyond) return std::numeric_limits<long long>::max();
    if (value < -kBeyond) return std::numeric_limits<long long>::min();
    return static_cast<long long>(value);
}

std::string json_code_text(const json& value) {
    if (value.is_string()) return value.get<std::string>();
    if (value.is_number_integer()) return std::to_string(value.get<long long>());
    if (value.is_number()) return value.dump();
    return {};
}

}  // namespace genlayer
