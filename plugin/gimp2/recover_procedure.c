/* plug-in-genlayer-recover (recover_jobs.h). */
#include "procedures.h"

#include "procedure_arguments.h"
#include "recover_jobs.h"

GimpPDBStatusType
genlayer_run_recover (GimpRunMode run_mode, const GimpParam *params, gint n_params,
                      genlayer_client *client, GenlayerProcedureResults *out, gchar **error)
{
    gint timeout_s;

    if (! genlayer_recover_arguments_read (params, n_params, &timeout_s, error))
        return GIMP_PDB_EXECUTION_ERROR;
    return genlayer_pdb_status_of (genlayer_recover_jobs (run_mode, client, timeout_s, out));
}
