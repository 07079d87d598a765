/* plug-in-genlayer-recover: imports the results a crash, a kill or a cancel
 * left in the journal, each into its image if that is open, else into a new
 * image. */
#include "procedures.h"

#include "collect_journaled_task.h"
#include "journaled_jobs.h"
#include "procedure_arguments.h"

#include "recover_dialog.h"

/* The open image a job came from, or -1. Ids are trusted only in the GIMP
 * session that wrote them; after a restart the file name finds the image. */
static gint32
open_image_of (const GenlayerJobTarget *target)
{
    gint count = 0;
    gint32 *images;
    gint32 found = -1;

    if (target->same_session && gimp_image_is_valid (target->image))
        return target->image;
    if (! target->image_file)
        return -1;
    images = gimp_image_list (&count);
    for (gint i = 0; i < count && found == -1; i++)
    {
        gchar *file = gimp_image_get_filename (images[i]);

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
    GenlayerRecoverRow *rows;
    gboolean accepted;

    for (guint i = 0; i < jobs->len; i++)
        chosen[i] = TRUE;
    if (run_mode != GIMP_RUN_INTERACTIVE)
        return TRUE;
    if (jobs->len == 0)
    {
        gimp_message ("No generation is waiting to be recovered.");
        return TRUE;
    }
    rows = g_new (GenlayerRecoverRow, jobs->len);
    for (guint i = 0; i < jobs->len; i++)
    {
        const GenlayerJournaledJob *job = jobs->pdata[i];

        rows[i] = (GenlayerRecoverRow) { job->prompt, job->stage, job->created_at,
                                         job->expires_at };
    }
    accepted = genlayer_recover_dialog_run (rows, jobs->len, chosen);
    g_free (rows);
    return accepted;
}

/* Imports one job into *out; a failure is told and the job stays in the
 * journal for another try. */
static genlayer_status
recover_job (GimpRunMode run_mode, genlayer_client *client, const GenlayerJournaledJob *job,
             gint timeout_s, GenlayerGeneratedLayers *out)
{
    const gint32 image = open_image_of (&job->target);
    GenlayerGeneratedLayers recovered = { 0 };
    gchar *error = NULL;
    genlayer_status status
        = genlayer_collect_journaled_task (client, image, job, timeout_s,
                                           genlayer_wait_for_run_mode (run_mode), &recovered,
                                           &error);

    if (status == GENLAYER_OK)
    {
        if (image == -1 && run_mode == GIMP_RUN_INTERACTIVE)
            gimp_display_new (gimp_item_get_image (recovered.layers[0]));
        genlayer_generated_layers_take (out, &recovered);
    }
    else
        gimp_message (error);
    g_free (error);
    return status;
}

GimpPDBStatusType
genlayer_run_recover (GimpRunMode run_mode, const GimpParam *params, gint n_params,
                      genlayer_client *client, GenlayerGeneratedLayers *out, gchar **error)
{
    gint timeout_s;
    GPtrArray *jobs;
    gboolean *chosen;
    GimpPDBStatusType status = GIMP_PDB_SUCCESS;

    if (! genlayer_recover_arguments_read (params, n_params, &timeout_s, error))
        return GIMP_PDB_EXECUTION_ERROR;
    jobs = genlayer_journaled_jobs_collectable (client, GENLAYER_HOST_GIMP2);
    chosen = g_new0 (gboolean, jobs->len);
    if (! choose_jobs (run_mode, jobs, chosen))
        status = GIMP_PDB_CANCEL;
    for (guint i = 0; i < jobs->len && status == GIMP_PDB_SUCCESS; i++)
        /* A person's Cancel stops the whole recovery, not just this job. */
        if (chosen[i]
            && recover_job (run_mode, client, jobs->pdata[i], timeout_s, out) == GENLAYER_CANCELLED)
            status = GIMP_PDB_CANCEL;
    g_free (chosen);
    g_ptr_array_unref (jobs);
    return status;
}
