/*
 * One "Generate Layer" call from the source region to the new layers, whole
 * (plug-in-genlayer) or in two halves: the submit (plug-in-genlayer-submit)
 * and, later, the collection (collect_journaled_task.h).
 */
#ifndef GENLAYER_GENERATE_FROM_SOURCE_H
#define GENLAYER_GENERATE_FROM_SOURCE_H

#include "gimp_api.h"
#include "job_wait.h"
#include "plugin_values.h"
#include "procedure_results.h"

#include <genlayer/genlayer.h>

G_BEGIN_DECLS

typedef enum {
    GENLAYER_GENERATE_AND_INSERT, /* plug-in-genlayer */
    GENLAYER_SUBMIT_ONLY          /* plug-in-genlayer-submit */
} GenlayerGenerationExtent;

/* Runs the generation described by `values` from `drawable`: to its end,
 * inserting its results; or only up to the submit, returning as soon as the
 * server's task id is known (out->task_id, no layers) while the journal
 * keeps where the results go. Returns GENLAYER_OK and fills *out (free with
 * genlayer_procedure_results_clear), or the failure with a one-sentence
 * *error (free it). */
genlayer_status genlayer_generate_from_source (genlayer_client *client, GenlayerGimpImage image,
                                               GenlayerGimpDrawable drawable,
                                               const GenlayerPluginValues *values,
                                               GenlayerGenerationExtent extent, GenlayerWait wait,
                                               GenlayerProcedureResults *out, gchar **error);

G_END_DECLS

#endif
