#include "layer_insertion.h"

#include "layer_metadata.h"

#define NAME_PROMPT_CHARACTERS 40

/* "<first 40 characters of the prompt> (genlayer)", plus " k/n" for variations. */
static gchar *
layer_name (const gchar *prompt, guint index, guint count)
{
    gchar *valid = g_utf8_make_valid (prompt, -1);
    gchar *head = g_utf8_substring (valid, 0, MIN (g_utf8_strlen (valid, -1),
                                                   NAME_PROMPT_CHARACTERS));
    gchar *name;

    /* A multi-line prompt still makes a one-line name. */
    g_strstrip (g_strdelimit (head, "\r\n\t", ' '));
    name = count > 1 ? g_strdup_printf ("%s (genlayer) %u/%u", head, index + 1, count)
                     : g_strdup_printf ("%s (genlayer)", head);
    g_free (head);
    g_free (valid);
    return name;
}

/* A new layer must match the image's base type; results may be transparent. */
static GimpImageType
layer_type_of (gint32 image)
{
    switch (gimp_image_base_type (image))
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
 * may have no source (-1): the result then goes on top. */
static void
find_insertion_point (gint32 image, gint32 drawable, gint32 *parent, gint *position)
{
    gint32 layer = drawable != -1 && gimp_item_is_layer_mask (drawable)
                       ? gimp_layer_from_mask (drawable)
                       : drawable;

    if (layer != -1 && gimp_item_is_layer (layer))
    {
        *parent = gimp_item_get_parent (layer);
        *position = gimp_image_get_item_position (image, layer);
    }
    else
    {
        *parent = -1;
        *position = 0;
    }
}

/* babl converts the RGBA8 result to the layer's format: any precision,
 * grayscale, or the nearest colours of an indexed image's palette. */
static void
write_pixels (gint32 layer, const genlayer_image *image)
{
    GeglBuffer *buffer = gimp_drawable_get_buffer (layer);

    gegl_buffer_set (buffer, GEGL_RECTANGLE (0, 0, image->width, image->height), 0,
                     babl_format ("R'G'B'A u8"), image->pixels, image->stride);
    gegl_buffer_flush (buffer);
    g_object_unref (buffer);
    gimp_drawable_update (layer, 0, 0, image->width, image->height);
}

/* Scales the layer by one factor for both axes so that it covers the region,
 * then crops the overflow evenly from both sides: never distorted. */
static void
cover_region (gint32 layer, const GenlayerSourceRegion *region,
              gint64 width, gint64 height)
{
    gint64 scaled_width = region->width;
    gint64 scaled_height = region->height;

    /* Integer ceilings keep the scaled layer at least as large as the region. */
    if ((gint64) region->width * height >= (gint64) region->height * width)
        scaled_height = (height * region->width + width - 1) / width;
    else
        scaled_width = (width * region->height + height - 1) / height;

    gimp_layer_scale (layer, (gint) scaled_width, (gint) scaled_height, TRUE);
    gimp_layer_resize (layer, region->width, region->height,
                       -(gint) ((scaled_width - region->width) / 2),
                       -(gint) ((scaled_height - region->height) / 2));
}

static gint32
insert_layer (const GenlayerSourceRegion *region, const genlayer_image *image,
              const gchar *name, const GenlayerPluginValues *values,
              const gchar *metadata_json)
{
    gint32 parent;
    gint position;
    gint32 layer = gimp_layer_new (region->image, name, (gint) image->width,
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
    genlayer_layer_metadata_attach (layer, metadata_json);
    return layer;
}

gint32 *
genlayer_layers_insert (const GenlayerSourceRegion *region,
                        const genlayer_image *images, guint count,
                        const GenlayerPluginValues *values,
                        const gchar *metadata_json)
{
    gint32 *layers = g_new (gint32, count);

    gimp_image_undo_group_start (region->image);
    for (guint i = 0; i < count; i++)
    {
        gchar *name = layer_name (values->prompt, i, count);

        layers[i] = insert_layer (region, &images[i], name, values, metadata_json);
        g_free (name);
    }
    gimp_image_undo_group_end (region->image);
    return layers;
}
