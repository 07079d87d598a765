#include "gateway/json_fields.hpp"

namespace genlayer {

using nlohmann::json;

std::string json_string_field(const json& object, const char* name) {
    const auto field = object.find(name);
    return field != object.end() && field->is_string() ? field->get<std::string>() : std::string();
}

long long json_number_field(const json& object, const char* name) {
    const auto field = object.find(name);
    return field != object.end() && field->is_number() ? static_cast<long long>(field->get<double>()) : 0;
}

std::string json_code_text(const json& value) {
    if (value.is_string()) return value.get<std::string>();
    if (value.is_number_integer()) return std::to_string(value.get<long long>());
    if (value.is_number()) return value.dump();
    return {};
}

}  // namespace genlayer
