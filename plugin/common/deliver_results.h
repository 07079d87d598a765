/*
 * What a finished job becomes: its images read from the core, inserted into
 * the image as layers by the shim, and the journal told that the paid
 * result is safe. Shared by Generate, Collect and Recover of both GIMPs.
 */
#ifndef GENLAYER_PLUGIN_DELIVER_RESULTS_H
#define GENLAYER_PLUGIN_DELIVER_RESULTS_H

#include "plugin_values.h"
#include "procedure_results.h"

#include <genlayer/genlayer.h>

G_BEGIN_DECLS

/* Inserts images[0..count) as new layers named after values->prompt, placed
 * per values->placement, masked per values->mask, each with `metadata_json`
 * as its genlayer-info parasite, all in one undo group, at the place `data`
 * describes. Returns the new layers' ids (count of them; free with g_free). */
typedef gint32 *(*GenlayerLayerInserter) (gpointer data, const genlayer_image *images, guint count,
                                          const GenlayerPluginValues *values,
                                          const gchar *metadata_json);

/* Inserts the images of the DONE `job` with `insert` (the parasite names
 * `source_layer_name`), then marks the job collected. Returns GENLAYER_OK
 * and fills *out, or the failure with a one-sentence *error (free it). */
genlayer_status genlayer_deliver_results (genlayer_job *job, const GenlayerPluginValues *values,
                                          const gchar *source_layer_name,
                                          GenlayerLayerInserter insert, gpointer data,
                                          GenlayerProcedureResults *out, gchar **error);

G_END_DECLS

#endif
