#include "cover_placement.h"

GenlayerCover
genlayer_cover_region (gint region_width, gint region_height, gint64 image_width,
                       gint64 image_height)
{
    gint64 scaled_width = region_width;
    gint64 scaled_height = region_height;

    /* Integer ceilings keep the scaled image at least as large as the region. */
    if ((gint64) region_width * image_height >= (gint64) region_height * image_width)
        scaled_height = (image_height * region_width + image_width - 1) / image_width;
    else
        scaled_width = (image_width * region_height + image_height - 1) / image_height;
    return (GenlayerCover){
        .scaled_width = (gint) scaled_width,
        .scaled_height = (gint) scaled_height,
        .crop_x = (gint) ((scaled_width - region_width) / 2),
        .crop_y = (gint) ((scaled_height - region_height) / 2),
    };
}
