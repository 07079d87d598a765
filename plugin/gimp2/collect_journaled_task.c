#include "collect_journaled_task.h"

#include "selection_snapshot.h"

/* The source layer in `image`, or -1: the layers then go on top. */
static gint32
source_drawable_in (gint32 image, const GenlayerJobTarget *target)
{
    gint32 named;

    if (target->same_session && gimp_item_is_valid (target->drawable)
        && gimp_item_get_image (target->drawable) == image)
        return target->drawable;
    named = target->drawable_name
                ? gimp_image_get_layer_by_name (image, target->drawable_name)
                : -1;
    return named != -1 ? named : gimp_image_get_active_drawable (image);
}

/* The journaled region in `image`; a new image when image is -1, made to
 * hold the job's first result whole. */
static genlayer_status
region_for (genlayer_job *job, gint32 image, const GenlayerJobTarget *target,
            GenlayerPluginValues *values, GenlayerSourceRegion *region, gchar **error)
{
    genlayer_image first = { .struct_size = sizeof first };
    genlayer_status status;

    if (image != -1)
    {
        *region = (GenlayerSourceRegion) {
            .image = image,
            .drawable = source_drawable_in (image, target),
            .x = target->x,
            .y = target->y,
            .width = target->width,
            .height = target->height,
        };
        return GENLAYER_OK;
    }
    status = genlayer_job_result (job, 0, &first);
    if (status != GENLAYER_OK)
    {
        *error = g_strdup ("The finished task holds no image to import.");
        return status;
    }
    *region = (GenlayerSourceRegion) {
        .image = gimp_image_new ((gint) first.width, (gint) first.height, GIMP_RGB),
        .drawable = -1,
        .width = (gint) first.width,
        .height = (gint) first.height,
    };
    values->placement = GENLAYER_PLACEMENT_GENERATED_SIZE;
    return GENLAYER_OK;
}

genlayer_status
genlayer_collect_journaled_task (genlayer_client *client, gint32 image,
                                 const GenlayerJournaledJob *journaled, gdouble timeout_s,
                                 GenlayerWait wait, GenlayerGeneratedLayers *out, gchar **error)
{
    GenlayerPluginValues values;
    GenlayerSourceRegion region;
    /* A script's submit and collect are separate calls: the mask is the
     * selection at collect time. */
    GenlayerSelectionCoverage selection = { 0 };
    genlayer_job *job = NULL;
    genlayer_status status = genlayer_job_collect (client, journaled->task_id, timeout_s, &job);

    if (status != GENLAYER_OK)
    {
        *error = g_strdup (genlayer_client_message (client));
        return status;
    }
    genlayer_journaled_job_values (journaled, &values);
    status = genlayer_job_wait_finish (job, wait, error);
    if (status == GENLAYER_OK)
        status = region_for (job, image, &journaled->target, &values, &region, error);
    if (status == GENLAYER_OK && image != -1 && values.mask)
    {
        genlayer_selection_snapshot_take (image, &selection);
        region.selection = &selection;
    }
    if (status == GENLAYER_OK)
        status = genlayer_deliver_results (job, &region, &values, journaled->target.drawable_name,
                                           out, error);
    genlayer_plugin_values_clear (&values);
    genlayer_selection_coverage_clear (&selection);
    genlayer_job_destroy (job);
    return status;
}
