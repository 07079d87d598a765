#include "recover_jobs.h"

#include "collect_journaled_task.h"
#include "journaled_jobs.h"

#include "recover_dialog.h"

/* The open image a job came from, or none. Ids are trusted only in the GIMP
 * session that wrote them; after a restart the file name finds the image. */
static GenlayerGimpImage
open_image_of (const GenlayerJobTarget *target)
{
    GenlayerGimpImage same = target->same_session ? genlayer_gimp_image_by_id (target->image)
                                                  : GENLAYER_GIMP_NONE;
    GenlayerGimpImage found = GENLAYER_GIMP_NONE;
    GenlayerGimpImage *images;
    gint count = 0;

    if (same != GENLAYER_GIMP_NONE || ! target->image_file)
        return same;
    images = genlayer_gimp_open_images (&count);
    for (gint i = 0; i < count && found == GENLAYER_GIMP_NONE; i++)
    {
        gchar *file = genlayer_gimp_image_file (images[i]);

        if (g_strcmp0 (file, target->image_file) == 0)
            found = images[i];
        g_free (file);
    }
    g_free (images);
    return found;
}

/* Interactive runs let the person pick; scripts take every job. FALSE when
 * the person cancelled. */
static gboolean
choose_jobs (GimpRunMode run_mode, GPtrArray *jobs, gboolean *chosen)
{
    for (guint i = 0; i < jobs->len; i++)
        chosen[i] = TRUE;
    if (run_mode != GIMP_RUN_INTERACTIVE)
        return TRUE;
    if (jobs->len == 0)
    {
        gimp_message ("No generation is waiting to be recovered.");
        return TRUE;
    }
    return genlayer_recover_dialog_run (jobs, chosen);
}

/* Imports one job into *out; a failure is told and the job stays in the
 * journal for another try. */
static genlayer_status
recover_job (GimpRunMode run_mode, genlayer_client *client, const GenlayerJournaledJob *job,
             gint timeout_s, GenlayerProcedureResults *out)
{
    const GenlayerGimpImage image = open_image_of (&job->target);
    GenlayerProcedureResults recovered = { 0 };
    gchar *error = NULL;
    genlayer_status status = genlayer_collect_journaled_task (
        client, image, job, timeout_s, genlayer_wait_for_run_mode (run_mode), &recovered, &error);

    if (status == GENLAYER_OK)
    {
        if (image == GENLAYER_GIMP_NONE && run_mode == GIMP_RUN_INTERACTIVE)
            gimp_display_new (gimp_item_get_image (
                GENLAYER_GIMP_ITEM (genlayer_gimp_layer_by_id (recovered.layers[0]))));
        genlayer_procedure_results_take (out, &recovered);
    }
    else
        gimp_message (error);
    g_free (error);
    return status;
}

genlayer_status
genlayer_recover_jobs (GimpRunMode run_mode, genlayer_client *client, gint timeout_s,
                       GenlayerProcedureResults *out)
{
    GPtrArray *jobs = genlayer_journaled_jobs_collectable (client, GENLAYER_GIMP_HOST);
    gboolean *chosen = g_new0 (gboolean, jobs->len);
    genlayer_status status = GENLAYER_OK;

    if (! choose_jobs (run_mode, jobs, chosen))
        status = GENLAYER_CANCELLED;
    for (guint i = 0; i < jobs->len && status == GENLAYER_OK; i++)
        /* A person's Cancel stops the whole recovery, not just this job. */
        if (chosen[i]
            && recover_job (run_mode, client, jobs->pdata[i], timeout_s, out) == GENLAYER_CANCELLED)
            status = GENLAYER_CANCELLED;
    g_free (chosen);
    g_ptr_array_unref (jobs);
    return status;
}
