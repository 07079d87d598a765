/* plug-in-genlayer-collect: the second half of plug-in-genlayer-submit. */
#include "procedures.h"

#include "journaled_jobs.h"
#include "layer_collection.h"
#include "procedure_arguments.h"

GimpPDBStatusType
genlayer_run_collect (GimpRunMode run_mode, const GimpParam *params, gint n_params,
                      genlayer_client *client, GenlayerGeneratedLayers *out, gchar **error)
{
    const gchar *task_id;
    gint timeout_s;
    GenlayerJournaledJob *journaled;
    GimpPDBStatusType status;

    if (! genlayer_collect_arguments_read (params, n_params, &task_id, &timeout_s, error))
        return GIMP_PDB_EXECUTION_ERROR;
    /* The journal knows where the layers go: without it there is no target. */
    journaled = genlayer_journaled_job_find (client, task_id);
    if (! journaled)
    {
        *error = g_strdup_printf ("The task %s is not one that GIMP submitted on this "
                                  "computer (see `genlayer jobs`); only those can be "
                                  "collected into an image.", task_id);
        return GIMP_PDB_EXECUTION_ERROR;
    }
    status = genlayer_pdb_status_of (genlayer_collect_layers (
        client, params[GENLAYER_COLLECT_ARG_IMAGE].data.d_image, journaled, timeout_s,
        genlayer_wait_for_run_mode (run_mode), out, error));
    genlayer_journaled_job_free (journaled);
    return status;
}
