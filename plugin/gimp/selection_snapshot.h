/*
 * The image's selection as it was at one moment. A generation masks its
 * layers with the selection the person made when they asked for it, not with
 * whatever is selected when the result arrives: GIMP stays usable during the
 * wait, and the person may well select something else. [main-thread]
 */
#ifndef GENLAYER_GIMP_SELECTION_SNAPSHOT_H
#define GENLAYER_GIMP_SELECTION_SNAPSHOT_H

#include <libgimp/gimp.h>

G_BEGIN_DECLS

typedef struct {
    gint x;            /* the selection's bounds, image coordinates */
    gint y;
    gint width;
    gint height;
    guchar *coverage;  /* width * height bytes, 0 to 255; NULL when nothing was selected */
} GenlayerSelectionSnapshot;

/* Copies the selection of `image` within its bounds. */
void genlayer_selection_snapshot_take (gint32 image, GenlayerSelectionSnapshot *snapshot);

void genlayer_selection_snapshot_clear (GenlayerSelectionSnapshot *snapshot);

/* Gives `layer`, at its final offsets, a mask that is the snapshot where the
 * layer lies and 0 elsewhere: what GIMP's "add mask from selection" would
 * have made then. */
void genlayer_selection_snapshot_mask (const GenlayerSelectionSnapshot *snapshot, gint32 layer);

G_END_DECLS

#endif
