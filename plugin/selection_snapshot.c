#include "selection_snapshot.h"

void
genlayer_selection_snapshot_take (GenlayerGimpImage image, GenlayerSelectionCoverage *snapshot)
{
    gboolean non_empty = FALSE;
    gint x2, y2;
    GeglBuffer *selection;

    *snapshot = (GenlayerSelectionCoverage){ 0 };
    gimp_selection_bounds (image, &non_empty, &snapshot->x, &snapshot->y, &x2, &y2);
    if (! non_empty)
        return;
    snapshot->width = x2 - snapshot->x;
    snapshot->height = y2 - snapshot->y;
    snapshot->coverage = g_malloc ((gsize) snapshot->width * (gsize) snapshot->height);
    selection = gimp_drawable_get_buffer (
        GENLAYER_GIMP_DRAWABLE (gimp_image_get_selection (image)));
    gegl_buffer_get (selection,
                     GEGL_RECTANGLE (snapshot->x, snapshot->y, snapshot->width, snapshot->height),
                     1.0, babl_format (GENLAYER_COVERAGE_FORMAT), snapshot->coverage,
                     snapshot->width, GEGL_ABYSS_NONE);
    g_object_unref (selection);
}

void
genlayer_selection_snapshot_mask (const GenlayerSelectionCoverage *snapshot,
                                  GenlayerGimpLayer layer)
{
    GenlayerGimpDrawable drawable = GENLAYER_GIMP_DRAWABLE (layer);
    gint offset_x, offset_y;
    GeglRectangle overlap;
    const guchar *first;
    GenlayerGimpLayerMask mask = gimp_layer_create_mask (layer, GIMP_ADD_MASK_BLACK);

    gimp_layer_add_mask (layer, mask);
    genlayer_gimp_drawable_offsets (drawable, &offset_x, &offset_y);
    if (! genlayer_selection_coverage_on_layer (
            snapshot, offset_x, offset_y, genlayer_gimp_drawable_width (drawable),
            genlayer_gimp_drawable_height (drawable), &overlap.x, &overlap.y, &overlap.width,
            &overlap.height, &first))
        return;

    GeglBuffer *buffer = gimp_drawable_get_buffer (GENLAYER_GIMP_DRAWABLE (mask));

    gegl_buffer_set (buffer, &overlap, 0, babl_format (GENLAYER_COVERAGE_FORMAT), first,
                     snapshot->width);
    gegl_buffer_flush (buffer);
    g_object_unref (buffer);
    gimp_drawable_update (GENLAYER_GIMP_DRAWABLE (mask), overlap.x, overlap.y, overlap.width,
                          overlap.height);
}
