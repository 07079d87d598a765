/*
 * Turns the images of a finished job into new layers: directly above the
 * source drawable, at the source region, of the image's base type, with a
 * mask from the selection, all in one undo group.
 */
#ifndef GENLAYER_INSERT_RESULT_LAYERS_H
#define GENLAYER_INSERT_RESULT_LAYERS_H

#include "deliver_results.h"
#include "source_region.h"

G_BEGIN_DECLS

/* A GenlayerLayerInserter whose data is the const GenlayerSourceRegion. */
gint32 *genlayer_insert_result_layers (gpointer region, const genlayer_image *images, guint count,
                                       const GenlayerPluginValues *values,
                                       const gchar *metadata_json);

G_END_DECLS

#endif
