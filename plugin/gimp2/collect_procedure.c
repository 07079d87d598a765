/* plug-in-genlayer-collect: the second half of plug-in-genlayer-submit. */
#include "procedures.h"

#include "collect_journaled_task.h"
#include "procedure_arguments.h"

GimpPDBStatusType
genlayer_run_collect (GimpRunMode run_mode, const GimpParam *params, gint n_params,
                      genlayer_client *client, GenlayerProcedureResults *out, gchar **error)
{
    const gchar *task_id;
    gint timeout_s;

    if (! genlayer_collect_arguments_read (params, n_params, &task_id, &timeout_s, error))
        return GIMP_PDB_EXECUTION_ERROR;
    return genlayer_pdb_status_of (
        genlayer_collect_task (client, params[GENLAYER_COLLECT_ARG_IMAGE].data.d_image, task_id,
                               timeout_s, genlayer_wait_for_run_mode (run_mode), out, error));
}
