/*
 * The image's selection taken from GIMP at one moment, and written into a
 * layer's mask later (selection_coverage.h says why). [main-thread]
 */
#ifndef GENLAYER_SELECTION_SNAPSHOT_H
#define GENLAYER_SELECTION_SNAPSHOT_H

#include "gimp_api.h"
#include "selection_coverage.h"

G_BEGIN_DECLS

/* Copies the selection of `image` within its bounds; clear with
 * genlayer_selection_coverage_clear. */
void genlayer_selection_snapshot_take (GenlayerGimpImage image,
                                       GenlayerSelectionCoverage *snapshot);

/* Gives `layer`, at its final offsets, a mask that is the snapshot where the
 * layer lies and 0 elsewhere: what GIMP's "add mask from selection" would
 * have made then. */
void genlayer_selection_snapshot_mask (const GenlayerSelectionCoverage *snapshot,
                                       GenlayerGimpLayer layer);

G_END_DECLS

#endif
