/* plug-in-genlayer-history-insert: a paid image put back, without paying. */
#include "procedures.h"

#include "insert_history_entry.h"
#include "procedure_arguments.h"

GimpPDBStatusType
genlayer_run_history_insert (GimpRunMode run_mode G_GNUC_UNUSED, const GimpParam *params,
                             gint n_params, genlayer_client *client, GenlayerProcedureResults *out,
                             gchar **error)
{
    const gchar *entry_id;

    if (! genlayer_history_insert_arguments_read (params, n_params, &entry_id, error))
        return GIMP_PDB_EXECUTION_ERROR;
    return genlayer_pdb_status_of (genlayer_insert_history_entry (
        client, params[GENLAYER_HISTORY_INSERT_ARG_IMAGE].data.d_image,
        params[GENLAYER_HISTORY_INSERT_ARG_DRAWABLE].data.d_drawable, entry_id, out, error));
}
