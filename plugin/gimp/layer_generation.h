/*
 * One "Generate Layer" call from start to end: the source region, the
 * request, the wait, and the new layers.
 */
#ifndef GENLAYER_GIMP_LAYER_GENERATION_H
#define GENLAYER_GIMP_LAYER_GENERATION_H

#include "plugin_values.h"

#include <genlayer/genlayer.h>
#include <libgimp/gimp.h>

G_BEGIN_DECLS

typedef enum {
    GENLAYER_WAIT_PROGRESS_DIALOG, /* interactive: the plug-in's dialog with Cancel */
    GENLAYER_WAIT_GIMP_PROGRESS    /* scripts and repeats: GIMP's progress bar */
} GenlayerWait;

typedef struct {
    gint32 *layers;  /* the new layers, top to bottom */
    gint n_layers;
    gchar *task_id;  /* the server's task id */
} GenlayerGeneratedLayers;

/* Runs the generation described by `values` from `drawable` and inserts its
 * results. Returns GENLAYER_OK and fills *out (free with
 * genlayer_generated_layers_clear), or the failure with a one-sentence
 * *error (free it). */
genlayer_status genlayer_generate_layers (genlayer_client *client, gint32 image,
                                          gint32 drawable,
                                          const GenlayerPluginValues *values,
                                          GenlayerWait wait,
                                          GenlayerGeneratedLayers *out, gchar **error);

void genlayer_generated_layers_clear (GenlayerGeneratedLayers *generated);

G_END_DECLS

#endif
