#include "layer_generation.h"

#include "generate_dialog.h"
#include "job_runner.h"
#include "job_target.h"
#include "layer_insertion.h"
#include "layer_metadata.h"
#include "source_region.h"

/* The ';'-separated extra references, blanks dropped. */
static GPtrArray *
split_extra_references (const gchar *text)
{
    GPtrArray *references = g_ptr_array_new_with_free_func (g_free);
    gchar **parts = g_strsplit (text ? text : "", ";", -1);

    for (gchar **part = parts; *part; part++)
    {
        const gchar *reference = g_strstrip (*part);

        if (*reference)
            g_ptr_array_add (references, g_strdup (reference));
    }
    g_strfreev (parts);
    return references;
}

static genlayer_status
start_job (genlayer_client *client, const GenlayerSourceRegion *region,
           const GenlayerPluginValues *values, genlayer_job **job, gchar **error)
{
    guchar *pixels = values->reference == GENLAYER_REFERENCE_NONE
                         ? NULL
                         : genlayer_source_region_read (region, values->reference);
    const genlayer_image reference = {
        .struct_size = sizeof reference,
        .width = (uint32_t) region->width,
        .height = (uint32_t) region->height,
        .stride = 4 * (uint32_t) region->width,
        .pixels = pixels,
    };
    GPtrArray *extra_references = split_extra_references (values->extra_references);
    gchar *target = genlayer_job_target_json (region, values);
    const genlayer_request request = {
        .struct_size = sizeof request,
        .prompt = values->prompt,
        .model = values->model,
        .size = values->size,
        .resolution = values->resolution,
        .n = (uint32_t) values->n,
        .response_format = values->response_format,
        .reference = pixels ? &reference : NULL,
        .extra_references = (const char *const *) extra_references->pdata,
        .extra_reference_count = extra_references->len,
        .timeout_s = values->timeout_s,
        .target_json = target,
    };
    /* The core copies the reference pixels and every string. */
    genlayer_status status = genlayer_job_start (client, &request, job);

    if (status != GENLAYER_OK)
        *error = g_strdup (genlayer_client_message (client));
    g_free (target);
    g_ptr_array_unref (extra_references);
    g_free (pixels);
    return status;
}

static genlayer_status
insert_results (genlayer_job *job, const GenlayerSourceRegion *region,
                const GenlayerPluginValues *values, GenlayerGeneratedLayers *out,
                gchar **error)
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
        gchar *source_name = gimp_item_get_name (region->drawable);
        gchar *metadata = genlayer_layer_metadata_json (job, values, source_name);

        out->layers = genlayer_layers_insert (region, images, count, values, metadata);
        out->n_layers = (gint) count;
        out->task_id = g_strdup (genlayer_job_task_id (job));
        /* Only now is the paid result safe: the journal may forget it. */
        genlayer_job_mark_collected (job);
        g_free (metadata);
        g_free (source_name);
    }
    else
        *error = g_strdup (genlayer_job_message (job));
    g_free (images);
    return status;
}

genlayer_status
genlayer_generate_layers (genlayer_client *client, gint32 image, gint32 drawable,
                          const GenlayerPluginValues *values, GenlayerWait wait,
                          GenlayerGeneratedLayers *out, gchar **error)
{
    GenlayerSourceRegion region;
    genlayer_job *job = NULL;
    genlayer_status status;

    if (! genlayer_source_region_find (image, drawable, &region, error))
        return GENLAYER_INVALID_REQUEST;
    status = start_job (client, &region, values, &job, error);
    if (status != GENLAYER_OK)
        return status;

    if (wait == GENLAYER_WAIT_PROGRESS_DIALOG)
        genlayer_progress_dialog_run (job, "Generating layer");
    else
        genlayer_job_runner_wait (job);

    status = genlayer_job_status (job);
    if (status == GENLAYER_OK)
        status = insert_results (job, &region, values, out, error);
    else
        *error = g_strdup (genlayer_job_message (job));
    genlayer_job_destroy (job);
    return status;
}

void
genlayer_generated_layers_clear (GenlayerGeneratedLayers *generated)
{
    g_clear_pointer (&generated->layers, g_free);
    g_clear_pointer (&generated->task_id, g_free);
    generated->n_layers = 0;
}
