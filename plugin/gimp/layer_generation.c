#include "layer_generation.h"

#include "job_target.h"
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

/* The job's results as layers above the source drawable. */
static genlayer_status
insert_when_done (genlayer_job *job, const GenlayerSourceRegion *region,
                  const GenlayerPluginValues *values, GenlayerWait wait,
                  GenlayerGeneratedLayers *out, gchar **error)
{
    genlayer_status status = genlayer_job_runner_finish (job, wait, error);
    gchar *source_name;

    if (status != GENLAYER_OK)
        return status;
    source_name = gimp_item_get_name (region->drawable);
    status = genlayer_generated_layers_insert (job, region, values, source_name, out, error);
    g_free (source_name);
    return status;
}

genlayer_status
genlayer_generate_layers (genlayer_client *client, gint32 image, gint32 drawable,
                          const GenlayerPluginValues *values, GenlayerGenerationExtent extent,
                          GenlayerWait wait, GenlayerGeneratedLayers *out, gchar **error)
{
    GenlayerSourceRegion region;
    GenlayerSelectionSnapshot selection = { 0 };
    genlayer_job *job = NULL;
    genlayer_status status;

    if (! genlayer_source_region_find (image, drawable, &region, error))
        return GENLAYER_INVALID_REQUEST;
    /* Before the wait, during which the person may select something else. */
    if (extent != GENLAYER_SUBMIT_ONLY && region.has_selection && values->mask)
    {
        genlayer_selection_snapshot_take (image, &selection);
        region.selection = &selection;
    }
    status = start_job (client, &region, values, &job, error);
    if (status == GENLAYER_OK && extent == GENLAYER_SUBMIT_ONLY)
    {
        status = genlayer_job_runner_wait_for_task (job, error);
        if (status == GENLAYER_OK)
            out->task_id = g_strdup (genlayer_job_task_id (job));
    }
    else if (status == GENLAYER_OK)
        status = insert_when_done (job, &region, values, wait, out, error);
    /* After a submit this only stops waiting: the journal keeps the task. */
    genlayer_job_destroy (job);
    genlayer_selection_snapshot_clear (&selection);
    return status;
}
