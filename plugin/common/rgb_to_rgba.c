#include "rgb_to_rgba.h"

void
genlayer_rgb_to_rgba_in_place (guchar *pixels, gsize count)
{
    /* From the end, so nothing unread is overwritten. */
    for (gsize i = count; i-- > 0;)
    {
        const guchar r = pixels[i * 3], g = pixels[i * 3 + 1], b = pixels[i * 3 + 2];

        pixels[i * 4 + 3] = 255;
        pixels[i * 4 + 2] = b;
        pixels[i * 4 + 1] = g;
        pixels[i * 4] = r;
    }
}
