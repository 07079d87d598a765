#include "collect_journaled_task.h"

#include "insert_result_layers.h"
#include "selection_snapshot.h"

/* The source layer in `image`, or none: the layers then go on top. */
static GenlayerGimpDrawable
source_drawable_in (GenlayerGimpImage image, const GenlayerJobTarget *target)
{
    GenlayerGimpDrawable same = target->same_session
                                    ? genlayer_gimp_drawable_by_id (target->drawable)
                                    : GENLAYER_GIMP_NONE;
    GenlayerGimpLayer named = GENLAYER_GIMP_NONE;

    if (same != GENLAYER_GIMP_NONE && gimp_item_get_image (GENLAYER_GIMP_ITEM (same)) == image)
        return same;
    if (target->drawable_name)
        named = gimp_image_get_layer_by_name (image, target->drawable_name);
    return named != GENLAYER_GIMP_NONE ? GENLAYER_GIMP_DRAWABLE (named)
                                       : genlayer_gimp_image_active_drawable (image);
}

/* The journaled region in `image`; a new image when there is none, made to
 * hold the job's first result whole. */
static genlayer_status
region_for (genlayer_job *job, GenlayerGimpImage image, const GenlayerJobTarget *target,
            GenlayerPluginValues *values, GenlayerSourceRegion *region, gchar **error)
{
    genlayer_image first = { .struct_size = sizeof first };
    genlayer_status status;

    if (image != GENLAYER_GIMP_NONE)
    {
        *region = (GenlayerSourceRegion){
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
    *region = (GenlayerSourceRegion){
        .image = gimp_image_new ((gint) first.width, (gint) first.height, GIMP_RGB),
        .drawable = GENLAYER_GIMP_NONE,
        .width = (gint) first.width,
        .height = (gint) first.height,
    };
    values->placement = GENLAYER_PLACEMENT_GENERATED_SIZE;
    return GENLAYER_OK;
}

genlayer_status
genlayer_collect_journaled_task (genlayer_client *client, GenlayerGimpImage image,
                                 const GenlayerJournaledJob *journaled, gdouble timeout_s,
                                 GenlayerWait wait, GenlayerProcedureResults *out, gchar **error)
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
    if (status == GENLAYER_OK && image != GENLAYER_GIMP_NONE && values.mask)
    {
        genlayer_selection_snapshot_take (image, &selection);
        region.selection = &selection;
    }
    if (status == GENLAYER_OK)
        status = genlayer_deliver_results (job, &values, journaled->target.drawable_name,
                                           genlayer_insert_result_layers, &region, out, error);
    genlayer_plugin_values_clear (&values);
    genlayer_selection_coverage_clear (&selection);
    genlayer_job_destroy (job);
    return status;
}

genlayer_status
genlayer_collect_task (genlayer_client *client, GenlayerGimpImage image, const gchar *task_id,
                       gdouble timeout_s, GenlayerWait wait, GenlayerProcedureResults *out,
                       gchar **error)
{
    GenlayerJournaledJob *journaled = genlayer_journaled_job_find (client, GENLAYER_GIMP_HOST,
                                                                   task_id, error);
    genlayer_status status;

    if (! journaled)
        return GENLAYER_NOT_FOUND;
    status = genlayer_collect_journaled_task (client, image, journaled, timeout_s, wait, out,
                                              error);
    genlayer_journaled_job_free (journaled);
    return status;
}
