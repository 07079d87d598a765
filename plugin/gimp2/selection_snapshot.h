/*
 * The image's selection taken from GIMP at one moment, and written into a
 * layer's mask later (selection_coverage.h says why). [main-thread]
 */
#ifndef GENLAYER_GIMP2_SELECTION_SNAPSHOT_H
#define GENLAYER_GIMP2_SELECTION_SNAPSHOT_H

#include "selection_coverage.h"

#include <libgimp/gimp.h>

G_BEGIN_DECLS

/* Copies the selection of `image` within its bounds; clear with
 * genlayer_selection_coverage_clear. */
void genlayer_selection_snapshot_take (gint32 image, GenlayerSelectionCoverage *snapshot);

/* Gives `layer`, at its final offsets, a mask that is the snapshot where the
 * layer lies and 0 elsewhere: what GIMP's "add mask from selection" would
 * have made then. */
void genlayer_selection_snapshot_mask (const GenlayerSelectionCoverage *snapshot, gint32 layer);

G_END_DECLS

#endif
