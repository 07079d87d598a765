/* The history's procedures: a paid image put back without paying, by a
 * script (plug-in-genlayer-history-insert) or from the dialog
 * (plug-in-genlayer-history). */
#include "procedures.h"

#include "browse_history.h"
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

GimpPDBStatusType
genlayer_run_history_browse (GimpRunMode run_mode, const GimpParam *params,
                             gint n_params G_GNUC_UNUSED, genlayer_client *client,
                             GenlayerProcedureResults *out, gchar **error)
{
    return genlayer_pdb_status_of (genlayer_browse_history (
        run_mode, client, params[GENLAYER_HISTORY_INSERT_ARG_IMAGE].data.d_image,
        params[GENLAYER_HISTORY_INSERT_ARG_DRAWABLE].data.d_drawable, out, error));
}
