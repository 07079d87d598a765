/* plug-in-genlayer-collect: the second half of plug-in-genlayer-submit. */
#include "procedures.h"

#include "collect_journaled_task.h"
#include "journaled_jobs.h"
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
    journaled = genlayer_journaled_job_find (client, GENLAYER_HOST_GIMP2, task_id, error);
    if (! journaled)
        return GIMP_PDB_EXECUTION_ERROR;
    status = genlayer_pdb_status_of (genlayer_collect_journaled_task (
        client, params[GENLAYER_COLLECT_ARG_IMAGE].data.d_image, journaled, timeout_s,
        genlayer_wait_for_run_mode (run_mode), out, error));
    genlayer_journaled_job_free (journaled);
    return status;
}
