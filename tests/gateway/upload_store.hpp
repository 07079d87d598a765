// Uploaded reference images, kept in memory and served by the files port.
#pragma once

#include "image_type.hpp"

#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace genlayer::emulator {

struct StoredUpload {
    std::string id;         // upload_0000002a
    std::string file_name;  // upload_0000002a.png — the last part of its URL
    std::string mime_type;
    std::string bytes;
};

class UploadStore {
public:
    std::shared_ptr<const StoredUpload> add(std::string bytes, const ImageType& type);
    // nullptr when no upload has that file name.
    std::shared_ptr<const StoredUpload> find(const std::string& file_name) const;
    // Its URL expires: it is no longer served nor accepted as a reference.
    void forget(const std::string& file_name);

private:
    mutable std::mutex mutex_;
    std::map<std::string, std::shared_ptr<const StoredUpload>> by_file_name_;
    unsigned next_number_ = 1;
};

}  // namespace genlayer::emulator
