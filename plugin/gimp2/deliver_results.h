/*
 * What a finished job becomes: its images read from the core, inserted into
 * the image as layers, and the journal told that the paid result is safe.
 * Shared by Generate, Collect and Recover.
 */
#ifndef GENLAYER_GIMP2_DELIVER_RESULTS_H
#define GENLAYER_GIMP2_DELIVER_RESULTS_H

#include "plugin_values.h"
#include "source_region.h"

#include <genlayer/genlayer.h>
#include <libgimp/gimp.h>

G_BEGIN_DECLS

/* What a procedure returns. */
typedef struct {
    gint32 *layers;  /* the new layers, top to bottom */
    gint n_layers;
    gchar *task_id;  /* the server's task id */
} GenlayerGeneratedLayers;

/* Inserts the images of the DONE `job` at `region` as
 * genlayer_insert_result_layers does (the parasite names
 * `source_layer_name`), then marks the job collected. Returns GENLAYER_OK
 * and fills *out, or the failure with a one-sentence *error (free it). */
genlayer_status genlayer_deliver_results (genlayer_job *job, const GenlayerSourceRegion *region,
                                          const GenlayerPluginValues *values,
                                          const gchar *source_layer_name,
                                          GenlayerGeneratedLayers *out, gchar **error);

/* Appends the layers and takes the task id of `more`, which is left empty. */
void genlayer_generated_layers_take (GenlayerGeneratedLayers *generated,
                                     GenlayerGeneratedLayers *more);

void genlayer_generated_layers_clear (GenlayerGeneratedLayers *generated);

G_END_DECLS

#endif
