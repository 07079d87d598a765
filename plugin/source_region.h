/*
 * The part of the image a generation starts from: the selection's bounds
 * intersected with the source drawable, else the whole drawable.
 */
#ifndef GENLAYER_SOURCE_REGION_H
#define GENLAYER_SOURCE_REGION_H

#include "gimp_api.h"
#include "plugin_values.h"
#include "selection_coverage.h"

G_BEGIN_DECLS

typedef struct
{
    GenlayerGimpImage image;
    GenlayerGimpDrawable drawable; /* GENLAYER_GIMP_NONE: none (a recovery into a new image) */
    gint x;                        /* image coordinates */
    gint y;
    gint width;
    gint height;
    gboolean has_selection; /* the image had a selection when the region was found */
    /* Borrowed from whoever took it; the new layers' mask. NULL: no mask. */
    const GenlayerSelectionCoverage *selection;
} GenlayerSourceRegion;

/* Finds the region of `drawable`. FALSE with a one-sentence *error (free it)
 * when the selection does not touch the drawable. */
gboolean genlayer_source_region_find (GenlayerGimpImage image, GenlayerGimpDrawable drawable,
                                      GenlayerSourceRegion *region, gchar **error);

/* The region's pixels as straight RGBA8, rows of 4 * width bytes, read from
 * the source drawable or from the visible image (all layers composited).
 * Any precision, grayscale or indexed is converted. Free with g_free. */
guchar *genlayer_source_region_read (const GenlayerSourceRegion *region,
                                     GenlayerReferenceSource source);

G_END_DECLS

#endif
