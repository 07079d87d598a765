#include "generated_layers.h"

#include "layer_insertion.h"
#include "layer_metadata.h"

#include <string.h>

genlayer_status
genlayer_generated_layers_insert (genlayer_job *job, const GenlayerSourceRegion *region,
                                  const GenlayerPluginValues *values,
                                  const gchar *source_layer_name,
                                  GenlayerGeneratedLayers *out, gchar **error)
{
    guint count = genlayer_job_result_count (job);
    genlayer_image *images = g_new0 (genlayer_image, count);
    genlayer_status status = GENLAYER_OK;

    for (guint i = 0; i < count && status == GENLAYER_OK; i++)
    {
        images[i].struct_size = sizeof images[i];
        status = genlayer_job_result (job, i, &images[i]);
    }
    if (status == GENLAYER_OK)
    {
        gchar *metadata = genlayer_layer_metadata_json (job, values, source_layer_name);

        out->layers = genlayer_layers_insert (region, images, count, values, metadata);
        out->n_layers = (gint) count;
        out->task_id = g_strdup (genlayer_job_task_id (job));
        /* Only now is the paid result safe: the journal may forget it. */
        genlayer_job_mark_collected (job);
        g_free (metadata);
    }
    else
        *error = g_strdup (genlayer_job_message (job));
    g_free (images);
    return status;
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
