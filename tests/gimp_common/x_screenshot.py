"""A screenshot of the X display (DISPLAY) as a PNG, through libX11 (which
xdotool needs anyway), so that no screenshot program has to be installed.
Takes a TrueColor screen of 24 or 32 bits a pixel (xvfb-run -s "-screen 0
WxHx24")."""
import ctypes

from png_file import write_rgb_png

Z_PIXMAP = 2
ALL_PLANES = ctypes.c_ulong(-1 & 0xFFFFFFFFFFFFFFFF)


class XImage(ctypes.Structure):
    """The leading fields of Xlib's XImage, up to the colour masks."""
    _fields_ = [("width", ctypes.c_int), ("height", ctypes.c_int), ("xoffset", ctypes.c_int),
                ("format", ctypes.c_int), ("data", ctypes.c_void_p), ("byte_order", ctypes.c_int),
                ("bitmap_unit", ctypes.c_int), ("bitmap_bit_order", ctypes.c_int),
                ("bitmap_pad", ctypes.c_int), ("depth", ctypes.c_int),
                ("bytes_per_line", ctypes.c_int), ("bits_per_pixel", ctypes.c_int),
                ("red_mask", ctypes.c_ulong), ("green_mask", ctypes.c_ulong),
                ("blue_mask", ctypes.c_ulong)]


def _xlib():
    x11 = ctypes.CDLL("libX11.so.6")
    x11.XOpenDisplay.restype = ctypes.c_void_p
    x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x11.XDefaultRootWindow.restype = ctypes.c_ulong
    x11.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
    x11.XDisplayWidth.argtypes = x11.XDisplayHeight.argtypes = [ctypes.c_void_p, ctypes.c_int]
    x11.XGetImage.restype = ctypes.POINTER(XImage)
    x11.XGetImage.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_int,
                              ctypes.c_uint, ctypes.c_uint, ctypes.c_ulong, ctypes.c_int]
    x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
    return x11


def screen_rows():
    """(width, height, rows of RGB bytes) of the whole screen."""
    x11 = _xlib()
    display = x11.XOpenDisplay(None)
    if not display:
        raise RuntimeError("cannot open the X display")
    try:
        width, height = x11.XDisplayWidth(display, 0), x11.XDisplayHeight(display, 0)
        image = x11.XGetImage(display, x11.XDefaultRootWindow(display), 0, 0, width, height,
                              ALL_PLANES, Z_PIXMAP).contents
        if image.bits_per_pixel != 32 or image.red_mask != 0xFF0000 or image.byte_order != 0:
            raise RuntimeError("the screen is not 32-bit BGRX (depth %d, %d bits a pixel)"
                               % (image.depth, image.bits_per_pixel))
        data = ctypes.string_at(image.data, image.bytes_per_line * height)
    finally:
        x11.XCloseDisplay(display)
    rows = []
    for y in range(height):
        bgrx = data[y * image.bytes_per_line:y * image.bytes_per_line + 4 * width]
        rgb = bytearray(3 * width)
        rgb[0::3], rgb[1::3], rgb[2::3] = bgrx[2::4], bgrx[1::4], bgrx[0::4]
        rows.append(bytes(rgb))
    return width, height, rows


def save_screenshot(path):
    """Writes the screen to path as a PNG; returns how many colours it shows."""
    width, height, rows = screen_rows()
    write_rgb_png(path, width, height, rows)
    return len({row[x:x + 3] for row in rows[::8] for x in range(0, 3 * width, 24)})
