/* Giving packed RGB8 pixels an opaque alpha, for the core's RGBA8. */
#ifndef GENLAYER_PLUGIN_RGB_TO_RGBA_H
#define GENLAYER_PLUGIN_RGB_TO_RGBA_H

#include <glib.h>

G_BEGIN_DECLS

/* Spreads `count` packed RGB pixels at the start of `pixels` (which holds
 * 4 * count bytes) to RGBA with alpha 255, in place. Reading an 8-bit RGB
 * layer in its own format and calling this is cheaper than asking babl for
 * RGBA, which searches for that conversion first. */
void genlayer_rgb_to_rgba_in_place (guchar *pixels, gsize count);

G_END_DECLS

#endif
