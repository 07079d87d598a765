/* plug-in-genlayer and plug-in-genlayer-submit: one set of parameters, and
 * one set of last values, for the whole generation and its first half. */
#include "procedures.h"

#include "generate_from_source.h"
#include "procedure_arguments.h"

#include "generate_dialog.h"
#include "plugin_values.h"

/* In the GIMP profile, so that repeats survive a restart. */
#define LAST_VALUES_FILE "genlayer-last-values.ini"

/* The values of this run. FALSE when the person closed the dialog (*error
 * stays NULL) or an argument was refused (*error set). */
static gboolean
obtain_values (GimpRunMode run_mode, const GimpParam *params, gint n_params,
               genlayer_client *client, GenlayerPluginValues *values, gchar **error)
{
    gchar *path = g_build_filename (gimp_directory (), LAST_VALUES_FILE, NULL);
    gboolean obtained = TRUE;

    switch (run_mode)
    {
    case GIMP_RUN_INTERACTIVE:
        genlayer_plugin_values_load (values, path);
        obtained = genlayer_generate_dialog_run (values, client);
        break;
    case GIMP_RUN_NONINTERACTIVE:
        obtained = genlayer_values_from_arguments (values, params, n_params, error);
        break;
    case GIMP_RUN_WITH_LAST_VALS:
        genlayer_plugin_values_load (values, path);
        break;
    }
    /* Every call's values are what the next repeat uses. */
    if (obtained)
        genlayer_plugin_values_save (values, path);
    g_free (path);
    return obtained;
}

static GimpPDBStatusType
run_generation (GenlayerGenerationExtent extent, GimpRunMode run_mode, const GimpParam *params,
                gint n_params, genlayer_client *client, GenlayerGeneratedLayers *out,
                gchar **error)
{
    GenlayerPluginValues values;
    GimpPDBStatusType status;

    genlayer_plugin_values_init (&values);
    if (obtain_values (run_mode, params, n_params, client, &values, error))
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
                       genlayer_client *client, GenlayerGeneratedLayers *out, gchar **error)
{
    return run_generation (GENLAYER_GENERATE_AND_INSERT, run_mode, params, n_params, client,
                           out, error);
}

GimpPDBStatusType
genlayer_run_submit (GimpRunMode run_mode, const GimpParam *params, gint n_params,
                     genlayer_client *client, GenlayerGeneratedLayers *out, gchar **error)
{
    return run_generation (GENLAYER_SUBMIT_ONLY, run_mode, params, n_params, client, out,
                           error);
}
