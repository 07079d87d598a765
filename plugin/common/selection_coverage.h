/*
 * The image's selection as it was at one moment: its bounds and the
 * coverage of every pixel within them. A generation masks its layers with
 * the selection the person made when they asked for it, not with whatever
 * is selected when the result arrives: GIMP stays usable during the wait,
 * and the person may well select something else. Each shim takes it from
 * GIMP and writes it into a layer mask.
 */
#ifndef GENLAYER_PLUGIN_SELECTION_COVERAGE_H
#define GENLAYER_PLUGIN_SELECTION_COVERAGE_H

#include <glib.h>

G_BEGIN_DECLS

/* Selections and masks are linear coverage: the babl format that reads and
 * writes them without a gamma conversion. */
#define GENLAYER_COVERAGE_FORMAT "Y u8"

typedef struct
{
    gint x; /* the selection's bounds, image coordinates */
    gint y;
    gint width;
    gint height;
    guchar *coverage; /* width * height bytes, 0 to 255; NULL when nothing was selected */
} GenlayerSelectionCoverage;

void genlayer_selection_coverage_clear (GenlayerSelectionCoverage *selection);

/* The part of the selection that lies on a layer at layer_x, layer_y (image
 * coordinates) of layer_width x layer_height: its rectangle in the layer's
 * coordinates (*x, *y, *width, *height) and its first byte (*first; rows are
 * selection->width bytes apart). FALSE when they do not overlap. */
gboolean genlayer_selection_coverage_on_layer (const GenlayerSelectionCoverage *selection,
                                               gint layer_x, gint layer_y, gint layer_width,
                                               gint layer_height, gint *x, gint *y, gint *width,
                                               gint *height, const guchar **first);

G_END_DECLS

#endif
