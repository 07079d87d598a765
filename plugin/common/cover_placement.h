/*
 * GENLAYER_PLACEMENT_COVER_REGION as numbers: a generated image scaled by one
 * factor for both axes so that it covers the region, then cropped evenly
 * from both sides. Never distorted.
 */
#ifndef GENLAYER_PLUGIN_COVER_PLACEMENT_H
#define GENLAYER_PLUGIN_COVER_PLACEMENT_H

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
    gint scaled_width; /* the image scaled: at least the region's size */
    gint scaled_height;
    gint crop_x; /* where the region starts in the scaled image */
    gint crop_y;
} GenlayerCover;

/* How an image of image_width x image_height covers a region of
 * region_width x region_height. */
GenlayerCover genlayer_cover_region (gint region_width, gint region_height, gint64 image_width,
                                     gint64 image_height);

G_END_DECLS

#endif
