#include "source_region.h"

#include "call_refusals.h"
#include "rgb_to_rgba.h"

gboolean
genlayer_source_region_find (GenlayerGimpImage image, GenlayerGimpDrawable drawable,
                             GenlayerSourceRegion *region, gchar **error)
{
    gint offset_x, offset_y;

    *region = (GenlayerSourceRegion){
        .image = image,
        .drawable = drawable,
        .has_selection = ! gimp_selection_is_empty (image),
    };
    /* Without a selection this is the whole drawable. */
    if (! gimp_drawable_mask_intersect (drawable, &region->x, &region->y, &region->width,
                                        &region->height))
    {
        *error = genlayer_selection_outside_refusal ();
        return FALSE;
    }
    genlayer_gimp_drawable_offsets (drawable, &offset_x, &offset_y);
    region->x += offset_x;
    region->y += offset_y;
    return TRUE;
}

/* One read to straight RGBA8. An 8-bit RGB layer, the common case, is read in
 * its own format and given alpha after (rgb_to_rgba.h says why). */
static guchar *
read_rgba (GenlayerGimpDrawable drawable, gint x, gint y, gint width, gint height)
{
    GeglBuffer *buffer = gimp_drawable_get_buffer (drawable);
    const Babl *rgb = babl_format ("R'G'B' u8");
    const gboolean packed_rgb = gimp_drawable_get_format (drawable) == rgb;
    const gsize count = (gsize) width * (gsize) height;
    guchar *pixels = g_malloc (count * 4);

    gegl_buffer_get (buffer, GEGL_RECTANGLE (x, y, width, height), 1.0,
                     packed_rgb ? rgb : babl_format ("R'G'B'A u8"), pixels, GEGL_AUTO_ROWSTRIDE,
                     GEGL_ABYSS_NONE);
    g_object_unref (buffer);
    if (packed_rgb)
        genlayer_rgb_to_rgba_in_place (pixels, count);
    return pixels;
}

guchar *
genlayer_source_region_read (const GenlayerSourceRegion *region, GenlayerReferenceSource source)
{
    guchar *pixels;
    gint offset_x, offset_y;

    if (source == GENLAYER_REFERENCE_VISIBLE)
    {
        /* The projection as an image-sized layer at the origin. It is never
         * inserted, so neither the layer stack nor the undo history changes. */
        GenlayerGimpLayer visible = gimp_layer_new_from_visible (region->image, region->image,
                                                                 "genlayer reference");

        pixels = read_rgba (GENLAYER_GIMP_DRAWABLE (visible), region->x, region->y, region->width,
                            region->height);
        gimp_item_delete (GENLAYER_GIMP_ITEM (visible));
        return pixels;
    }
    genlayer_gimp_drawable_offsets (region->drawable, &offset_x, &offset_y);
    return read_rgba (region->drawable, region->x - offset_x, region->y - offset_y, region->width,
                      region->height);
}
