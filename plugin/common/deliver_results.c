#include "deliver_results.h"

#include "job_results.h"
#include "layer_metadata.h"

genlayer_status
genlayer_deliver_results (genlayer_job *job, const GenlayerPluginValues *values,
                          const gchar *source_layer_name, GenlayerLayerInserter insert,
                          gpointer data, GenlayerProcedureResults *out, gchar **error)
{
    genlayer_image *images;
    guint count;
    genlayer_status status = genlayer_job_results_read (job, &images, &count, error);
    gchar *metadata;

    if (status != GENLAYER_OK)
        return status;
    metadata = genlayer_layer_metadata_json (job, values, source_layer_name);
    out->layers = insert (data, images, count, values, metadata);
    out->n_layers = (gint) count;
    out->task_id = g_strdup (genlayer_job_task_id (job));
    /* Only now is the paid result safe: the journal may forget it. */
    genlayer_job_mark_collected (job);
    g_free (metadata);
    g_free (images);
    return GENLAYER_OK;
}
