#include "upload_store.hpp"

#include <cstdio>

namespace genlayer::emulator {

std::shared_ptr<const StoredUpload> UploadStore::add(std::string bytes, const ImageType& type) {
    std::lock_guard lock(mutex_);
    char id[32];
    std::snprintf(id, sizeof id, "upload_%08x", next_number_++);
    auto upload = std::make_shared<const StoredUpload>(StoredUpload{
        id, std::string(id) + "." + std::string(type.extension), std::string(type.mime_type), std::move(bytes)});
    by_file_name_[upload->file_name] = upload;
    return upload;
}

void UploadStore::forget(const std::string& file_name) {
    std::lock_guard lock(mutex_);
    by_file_name_.erase(file_name);
}

std::shared_ptr<const StoredUpload> UploadStore::find(const std::string& file_name) const {
    std::lock_guard lock(mutex_);
    const auto found = by_file_name_.find(file_name);
    return found == by_file_name_.end() ? nullptr : found->second;
}

}  // namespace genlayer::emulator
