#include "generate_from_source.h"

#include "generation_start.h"
#include "insert_result_layers.h"
#include "job_target.h"
#include "selection_snapshot.h"
#include "source_region.h"

/* Where the journal says the results go. */
static gchar *
target_json_of (const GenlayerSourceRegion *region, const GenlayerPluginValues *values)
{
    /* Ids do not outlive the GIMP session; the file and layer name do. */
    GenlayerJobTarget target = {
        .image = genlayer_gimp_image_id (region->image),
        .image_file = genlayer_gimp_image_file (region->image),
        .drawable = genlayer_gimp_item_id (region->drawable),
        .drawable_name = gimp_item_get_name (GENLAYER_GIMP_ITEM (region->drawable)),
        .x = region->x,
        .y = region->y,
        .width = region->width,
        .height = region->height,
        .placement = values->placement,
        .mask = region->has_selection && values->mask,
    };
    gchar *json = genlayer_job_target_json (&target, GENLAYER_GIMP_HOST);

    genlayer_job_target_clear (&target);
    return json;
}

static genlayer_status
start_job (genlayer_client *client, const GenlayerSourceRegion *region,
           const GenlayerPluginValues *values, genlayer_job **job, gchar **error)
{
    guchar *pixels = values->reference == GENLAYER_REFERENCE_NONE
                         ? NULL
                         : genlayer_source_region_read (region, values->reference);
    gchar *target = target_json_of (region, values);
    genlayer_status status = genlayer_generation_start (client, values, pixels, region->width,
                                                        region->height, target, job, error);

    g_free (target);
    g_free (pixels);
    return status;
}

/* The job's results as layers above the source drawable. */
static genlayer_status
insert_when_done (genlayer_job *job, const GenlayerSourceRegion *region,
                  const GenlayerPluginValues *values, GenlayerWait wait,
                  GenlayerProcedureResults *out, gchar **error)
{
    genlayer_status status = genlayer_job_wait_finish (job, wait, error);
    gchar *source_name;

    if (status != GENLAYER_OK)
        return status;
    source_name = gimp_item_get_name (GENLAYER_GIMP_ITEM (region->drawable));
    status = genlayer_deliver_results (job, values, source_name, genlayer_insert_result_layers,
                                       (gpointer) region, out, error);
    g_free (source_name);
    return status;
}

genlayer_status
genlayer_generate_from_source (genlayer_client *client, GenlayerGimpImage image,
                               GenlayerGimpDrawable drawable, const GenlayerPluginValues *values,
                               GenlayerGenerationExtent extent, GenlayerWait wait,
                               GenlayerProcedureResults *out, gchar **error)
{
    GenlayerSourceRegion region;
    GenlayerSelectionCoverage selection = { 0 };
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
        status = genlayer_job_wait_for_task (job, error);
        if (status == GENLAYER_OK)
            out->task_id = g_strdup (genlayer_job_task_id (job));
    }
    else if (status == GENLAYER_OK)
        status = insert_when_done (job, &region, values, wait, out, error);
    /* After a submit this only stops waiting: the journal keeps the task. */
    genlayer_job_destroy (job);
    genlayer_selection_coverage_clear (&selection);
    return status;
}
