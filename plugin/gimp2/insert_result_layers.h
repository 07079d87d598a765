/*
 * Turns the images of a finished job into new layers: directly above the
 * source drawable, at the source region, of the image's base type, with a
 * mask from the selection, all in one undo group.
 */
#ifndef GENLAYER_GIMP2_INSERT_RESULT_LAYERS_H
#define GENLAYER_GIMP2_INSERT_RESULT_LAYERS_H

#include "plugin_values.h"
#include "source_region.h"

#include <genlayer/genlayer.h>
#include <libgimp/gimp.h>

G_BEGIN_DECLS

/* Inserts images[0..count) as new layers named after values->prompt, placed
 * per values->placement, masked per values->mask, each carrying
 * `metadata_json` as its genlayer-info parasite. Returns the new layers' ids
 * (count of them; free with g_free). */
gint32 *genlayer_insert_result_layers (const GenlayerSourceRegion *region,
                                       const genlayer_image *images, guint count,
                                       const GenlayerPluginValues *values,
                                       const gchar *metadata_json);

G_END_DECLS

#endif
