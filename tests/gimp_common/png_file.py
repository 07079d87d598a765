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


def read_png_rgba(path):
    """(width, height, RGBA bytes) of an 8-bit, non-interlaced gray, RGB or
    RGBA PNG, every row unfiltered and widened to RGBA."""
    with open(path, "rb") as png:
        data = png.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("%s is not a PNG" % path)
    position, compressed, header = 8, b"", None
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        body = data[position + 8:position + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            compressed += body
        position += 12 + length
    width, height, depth, colour, _, _, interlace = header
    channels = {0: 1, 2: 3, 4: 2, 6: 4}.get(colour)
    if depth != 8 or interlace or not channels:
        raise ValueError("%s is a PNG of a kind this reader does not take" % path)
    raw, stride, previous, pixels = zlib.decompress(compressed), width * channels, bytearray(width * channels), bytearray()
    for y in range(height):
        kind, row = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            left = row[i - channels] if i >= channels else 0
            up, up_left = previous[i], previous[i - channels] if i >= channels else 0
            if kind == 1:
                row[i] = (row[i] + left) & 0xFF
            elif kind == 2:
                row[i] = (row[i] + up) & 0xFF
            elif kind == 3:
                row[i] = (row[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - up_left
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - up_left)
                row[i] = (row[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else up_left)) & 0xFF
        previous = row
        for x in range(width):
            pixel = row[x * channels:(x + 1) * channels]
            if channels < 3:
                pixel = bytes([pixel[0]] * 3) + (pixel[1:] or b"\xff")
            pixels += pixel if len(pixel) == 4 else pixel + b"\xff"
    return width, height, bytes(pixels)
