"""Writing a PNG with nothing but the standard library."""
import struct
import zlib


def write_rgb_png(path, width, height, rows):
    """An opaque 8-bit RGB PNG of `rows`: height byte strings of width*3 bytes."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    pixels = b"".join(b"\0" + bytes(row) for row in rows)
    with open(path, "wb") as png:
        png.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
                  + chunk(b"IDAT", zlib.compress(pixels)) + chunk(b"IEND", b""))
