/* plug-in-genlayer and plug-in-genlayer-submit: one set of parameters, and
 * one set of last values, for the whole generation and its first half. */
#include "procedures.h"

#include "generate_from_source.h"
#include "procedure_arguments.h"
#include "run_values.h"

#include "generate_dialog.h"

/* What the values sources read from. */
typedef struct
{
    const GimpParam *params;
    gint n_params;
    genlayer_client *client;
} RunContext;

static gboolean
from_dialog (GenlayerPluginValues *values, gpointer data, gchar **error G_GNUC_UNUSED)
{
    const RunContext *run = data;

    return genlayer_generate_dialog_run (values, run->client);
}

static gboolean
from_arguments (GenlayerPluginValues *values, gpointer data, gchar **error)
{
    const RunContext *run = data;

    return genlayer_values_from_arguments (values, run->params, run->n_params, error);
}

static GimpPDBStatusType
run_generation (GenlayerGenerationExtent extent, GimpRunMode run_mode, const GimpParam *params,
                gint n_params, genlayer_client *client, GenlayerProcedureResults *out,
                gchar **error)
{
    RunContext run = { params, n_params, client };
    GenlayerPluginValues values;
    GimpPDBStatusType status;

    genlayer_plugin_values_init (&values);
    if (genlayer_run_values_obtain (run_mode, from_dialog, from_arguments, &run, &values, error))
        status = genlayer_pdb_status_of (genlayer_generate_from_source (
            client, params[GENLAYER_ARG_IMAGE].data.d_image,
            params[GENLAYER_ARG_DRAWABLE].data.d_drawable, &values, extent,
            genlayer_wait_for_run_mode (run_mode), out, error));
    else
        status = *error ? GIMP_PDB_EXECUTION_ERROR : GIMP_PDB_CANCEL;
    genlayer_plugin_values_clear (&values);
    return status;
}

GimpPDBStatusType
genlayer_run_generate (GimpRunMode run_mode, const GimpParam *params, gint n_params,
                       genlayer_client *client, GenlayerProcedureResults *out, gchar **error)
{
    return run_generation (GENLAYER_GENERATE_AND_INSERT, run_mode, params, n_params, client, out,
                           error);
}

GimpPDBStatusType
genlayer_run_submit (GimpRunMode run_mode, const GimpParam *params, gint n_params,
                     genlayer_client *client, GenlayerProcedureResults *out, gchar **error)
{
    return run_generation (GENLAYER_SUBMIT_ONLY, run_mode, params, n_params, client, out, error);
}
