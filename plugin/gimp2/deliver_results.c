#include "deliver_results.h"

#include "insert_result_layers.h"
#include "job_results.h"
#include "layer_metadata.h"

#include <string.h>

genlayer_status
genlayer_deliver_results (genlayer_job *job, const GenlayerSourceRegion *region,
                          const GenlayerPluginValues *values, const gchar *source_layer_name,
                          GenlayerGeneratedLayers *out, gchar **error)
{
    genlayer_image *images;
    guint count;
    genlayer_status status = genlayer_job_results_read (job, &images, &count, error);
    gchar *metadata;

    if (status != GENLAYER_OK)
        return status;
    metadata = genlayer_layer_metadata_json (job, values, source_layer_name);
    out->layers = genlayer_insert_result_layers (region, images, count, values, metadata);
    out->n_layers = (gint) count;
    out->task_id = g_strdup (genlayer_job_task_id (job));
    /* Only now is the paid result safe: the journal may forget it. */
    genlayer_job_mark_collected (job);
    g_free (metadata);
    g_free (images);
    return GENLAYER_OK;
}

void
genlayer_generated_layers_take (GenlayerGeneratedLayers *generated,
                                GenlayerGeneratedLayers *more)
{
    if (more->n_layers > 0)
    {
        generated->layers = g_renew (gint32, generated->layers,
                                     generated->n_layers + more->n_layers);
        memcpy (generated->layers + generated->n_layers, more->layers,
                sizeof (gint32) * (gsize) more->n_layers);
        generated->n_layers += more->n_layers;
    }
    g_free (generated->task_id);
    generated->task_id = g_steal_pointer (&more->task_id);
    genlayer_generated_layers_clear (more);
}

void
genlayer_generated_layers_clear (GenlayerGeneratedLayers *generated)
{
    g_clear_pointer (&generated->layers, g_free);
    g_clear_pointer (&generated->task_id, g_free);
    generated->n_layers = 0;
}
