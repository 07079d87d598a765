#include "insert_result_layers.h"

#include "cover_placement.h"
#include "layer_metadata.h"
#include "layer_name.h"
#include "selection_snapshot.h"

#include <string.h>

/* A new layer must match the image's base type; results may be transparent. */
static GimpImageType
layer_type_of (GenlayerGimpImage image)
{
    switch (genlayer_gimp_image_base_type (image))
    {
    case GIMP_GRAY:
        return GIMP_GRAYA_IMAGE;
    case GIMP_INDEXED:
        return GIMP_INDEXEDA_IMAGE;
    default:
        return GIMP_RGBA_IMAGE;
    }
}

/* Directly above the source layer in its group. A layer mask stands for its
 * layer; a channel has no place in the layer stack, and a recovered result
 * may have no source: the result then goes on top. */
static void
find_insertion_point (GenlayerGimpImage image, GenlayerGimpDrawable drawable,
                      GenlayerGimpLayer *parent, gint *position)
{
    GenlayerGimpDrawable layer = drawable;

    *parent = GENLAYER_GIMP_NONE;
    *position = 0;
    if (drawable != GENLAYER_GIMP_NONE && gimp_item_is_layer_mask (GENLAYER_GIMP_ITEM (drawable)))
        layer = GENLAYER_GIMP_DRAWABLE (gimp_layer_from_mask (GENLAYER_GIMP_LAYER_MASK (drawable)));
    if (layer != GENLAYER_GIMP_NONE && gimp_item_is_layer (GENLAYER_GIMP_ITEM (layer)))
    {
        *parent = GENLAYER_GIMP_LAYER (gimp_item_get_parent (GENLAYER_GIMP_ITEM (layer)));
        *position = gimp_image_get_item_position (image, GENLAYER_GIMP_ITEM (layer));
    }
}

/* babl converts the RGBA8 result to the layer's format: any precision,
 * grayscale, or the nearest colours of an indexed image's palette. */
static void
write_pixels (GenlayerGimpLayer layer, const genlayer_image *image)
{
    GeglBuffer *buffer = gimp_drawable_get_buffer (GENLAYER_GIMP_DRAWABLE (layer));
    /* The core refuses results over 16384 px a side: all three fit a gint. */
    const gint width = (gint) image->width;
    const gint height = (gint) image->height;
    const gint stride = (gint) image->stride;

    gegl_buffer_set (buffer, GEGL_RECTANGLE (0, 0, width, height), 0, babl_format ("R'G'B'A u8"),
                     image->pixels, stride);
    gegl_buffer_flush (buffer);
    g_object_unref (buffer);
    gimp_drawable_update (GENLAYER_GIMP_DRAWABLE (layer), 0, 0, width, height);
}

/* Scaled to cover the region, centred and cropped to it (cover_placement.h). */
static void
cover_region (GenlayerGimpLayer layer, const GenlayerSourceRegion *region, gint64 width,
              gint64 height)
{
    const GenlayerCover cover = genlayer_cover_region (region->width, region->height, width,
                                                       height);

    gimp_layer_scale (layer, cover.scaled_width, cover.scaled_height, TRUE);
    gimp_layer_resize (layer, region->width, region->height, -cover.crop_x, -cover.crop_y);
}

/* Persistent and undoable, with the text's terminating NUL (layer_metadata.h). */
static void
attach_metadata (GenlayerGimpLayer layer, const gchar *metadata_json)
{
    GimpParasite *parasite = gimp_parasite_new (GENLAYER_METADATA_PARASITE,
                                                GIMP_PARASITE_PERSISTENT | GIMP_PARASITE_UNDOABLE,
                                                strlen (metadata_json) + 1, metadata_json);

    gimp_item_attach_parasite (GENLAYER_GIMP_ITEM (layer), parasite);
    gimp_parasite_free (parasite);
}

static GenlayerGimpLayer
insert_layer (const GenlayerSourceRegion *region, const genlayer_image *image, const gchar *name,
              const GenlayerPluginValues *values, const gchar *metadata_json)
{
    GenlayerGimpLayer parent;
    gint position;
    GenlayerGimpLayer layer = gimp_layer_new (region->image, name, (gint) image->width,
                                              (gint) image->height, layer_type_of (region->image),
                                              100.0, GIMP_LAYER_MODE_NORMAL);

    find_insertion_point (region->image, region->drawable, &parent, &position);
    gimp_image_insert_layer (region->image, layer, parent, position);
    write_pixels (layer, image);
    if (values->placement == GENLAYER_PLACEMENT_COVER_REGION)
        cover_region (layer, region, image->width, image->height);
    gimp_layer_set_offsets (layer, region->x, region->y);
    /* The mask is made after placement: it is cut from the selection where the layer lies. */
    if (region->selection && region->selection->coverage && values->mask)
        genlayer_selection_snapshot_mask (region->selection, layer);
    attach_metadata (layer, metadata_json);
    return layer;
}

gint32 *
genlayer_insert_result_layers (gpointer data, const genlayer_image *images, guint count,
                               const GenlayerPluginValues *values, const gchar *metadata_json)
{
    const GenlayerSourceRegion *region = data;
    gint32 *layers = g_new (gint32, count);

    gimp_image_undo_group_start (region->image);
    for (guint i = 0; i < count; i++)
    {
        gchar *name = genlayer_layer_name (values->prompt, i, count);

        layers[i] = genlayer_gimp_item_id (
            insert_layer (region, &images[i], name, values, metadata_json));
        g_free (name);
    }
    gimp_image_undo_group_end (region->image);
    return layers;
}
