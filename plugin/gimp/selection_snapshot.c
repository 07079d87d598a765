#include "selection_snapshot.h"

/* Selections and masks are linear coverage: "Y u8" reads and writes them
 * without a gamma conversion. */
#define COVERAGE_FORMAT "Y u8"

void
genlayer_selection_snapshot_take (gint32 image, GenlayerSelectionSnapshot *snapshot)
{
    gboolean non_empty = FALSE;
    gint x2, y2;
    GeglBuffer *selection;

    *snapshot = (GenlayerSelectionSnapshot) { 0 };
    gimp_selection_bounds (image, &non_empty, &snapshot->x, &snapshot->y, &x2, &y2);
    if (! non_empty)
        return;
    snapshot->width = x2 - snapshot->x;
    snapshot->height = y2 - snapshot->y;
    snapshot->coverage = g_malloc ((gsize) snapshot->width * (gsize) snapshot->height);
    selection = gimp_drawable_get_buffer (gimp_image_get_selection (image));
    gegl_buffer_get (selection,
                     GEGL_RECTANGLE (snapshot->x, snapshot->y, snapshot->width, snapshot->height),
                     1.0, babl_format (COVERAGE_FORMAT), snapshot->coverage, snapshot->width,
                     GEGL_ABYSS_NONE);
    g_object_unref (selection);
}

void
genlayer_selection_snapshot_clear (GenlayerSelectionSnapshot *snapshot)
{
    g_clear_pointer (&snapshot->coverage, g_free);
}

void
genlayer_selection_snapshot_mask (const GenlayerSelectionSnapshot *snapshot, gint32 layer)
{
    gint offset_x, offset_y;
    GeglRectangle in_layer, overlap;
    const GeglRectangle whole_layer = { 0, 0, gimp_drawable_width (layer),
                                        gimp_drawable_height (layer) };
    gint32 mask = gimp_layer_create_mask (layer, GIMP_ADD_MASK_BLACK);

    gimp_layer_add_mask (layer, mask);
    gimp_drawable_offsets (layer, &offset_x, &offset_y);
    in_layer = (GeglRectangle) { snapshot->x - offset_x, snapshot->y - offset_y,
                                 snapshot->width, snapshot->height };
    if (! gegl_rectangle_intersect (&overlap, &in_layer, &whole_layer))
        return;

    GeglBuffer *buffer = gimp_drawable_get_buffer (mask);
    const guchar *first = snapshot->coverage
                          + (gsize) (overlap.y - in_layer.y) * (gsize) snapshot->width
                          + (gsize) (overlap.x - in_layer.x);

    gegl_buffer_set (buffer, &overlap, 0, babl_format (COVERAGE_FORMAT), first, snapshot->width);
    gegl_buffer_flush (buffer);
    g_object_unref (buffer);
    gimp_drawable_update (mask, overlap.x, overlap.y, overlap.width, overlap.height);
}
