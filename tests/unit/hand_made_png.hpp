// A PNG written byte by byte, for what OpenImageIO does not write (palette
// images) or refuses to write (headers that declare 20000x20000, files cut
// short).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace genlayer::test {

class HandMadePng {
public:
    HandMadePng(uint32_t width, uint32_t height, uint8_t color_type) {
        bytes_ = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        std::vector<uint8_t> header;
        append_be32(header, width);
        append_be32(header, height);
        header.insert(header.end(), {8, color_type, 0, 0, 0});  // depth 8, no interlace
        chunk("IHDR", header);
    }
    HandMadePng& chunk(const char* type, const std::vector<uint8_t>& data) {
        append_be32(bytes_, uint32_t(data.size()));
        const size_t type_at = bytes_.size();
        bytes_.insert(bytes_.end(), type, type + 4);
        bytes_.insert(bytes_.end(), data.begin(), data.end());
        append_be32(bytes_, crc32(bytes_.data() + type_at, bytes_.size() - type_at));
        return *this;
    }
    // Rows of raw samples, each behind filter byte 0, in one stored zlib block.
    HandMadePng& image_data(const std::vector<std::vector<uint8_t>>& rows) {
        std::vector<uint8_t> raw;
        for (const auto& row : rows) {
            raw.push_back(0);
            raw.insert(raw.end(), row.begin(), row.end());
        }
        std::vector<uint8_t> zlib = {0x78,
                                     0x01,
                                     0x01,
                                     uint8_t(raw.size()),
                                     uint8_t(raw.size() >> 8),
                                     uint8_t(~raw.size()),
                                     uint8_t(~raw.size() >> 8)};
        zlib.insert(zlib.end(), raw.begin(), raw.end());
        append_be32(zlib, adler32(raw));
        return chunk("IDAT", zlib);
    }
    std::vector<uint8_t> finish() {
        chunk("IEND", {});
        return bytes_;
    }

private:
    static void append_be32(std::vector<uint8_t>& out, uint32_t value) {
        for (int shift = 24; shift >= 0; shift -= 8) out.push_back(uint8_t(value >> shift));
    }
    static uint32_t crc32(const uint8_t* data, size_t size) {
        uint32_t crc = 0xffffffffu;
        for (size_t i = 0; i < size; ++i) {
            crc ^= data[i];
            for (int bit = 0; bit < 8; ++bit) crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1)));
        }
        return ~crc;
    }
    static uint32_t adler32(const std::vector<uint8_t>& data) {
        uint32_t a = 1, b = 0;
        for (uint8_t byte : data) a = (a + byte) % 65521, b = (b + a) % 65521;
        return (b << 16) | a;
    }
    std::vector<uint8_t> bytes_;
};

}  // namespace genlayer::test
