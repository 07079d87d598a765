#include "selection_coverage.h"

void
genlayer_selection_coverage_clear (GenlayerSelectionCoverage *selection)
{
    g_clear_pointer (&selection->coverage, g_free);
}

gboolean
genlayer_selection_coverage_on_layer (const GenlayerSelectionCoverage *selection, gint layer_x,
                                      gint layer_y, gint layer_width, gint layer_height, gint *x,
                                      gint *y, gint *width, gint *height, const guchar **first)
{
    /* The selection in the layer's coordinates, cut to the layer. */
    const gint left = selection->x - layer_x;
    const gint top = selection->y - layer_y;
    const gint x1 = MAX (left, 0);
    const gint y1 = MAX (top, 0);
    const gint x2 = MIN (left + selection->width, layer_width);
    const gint y2 = MIN (top + selection->height, layer_height);

    if (! selection->coverage || x2 <= x1 || y2 <= y1)
        return FALSE;
    *x = x1;
    *y = y1;
    *width = x2 - x1;
    *height = y2 - y1;
    *first = selection->coverage + (gsize) (y1 - top) * (gsize) selection->width
             + (gsize) (x1 - left);
    return TRUE;
}
