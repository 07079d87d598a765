/*
 * The GIMP 2.10 plug-in: registers plug-in-genlayer (Filters > Generative >
 * Generate Layer…) and runs it in GIMP's three run modes. Every gimp_* and
 * GTK call stays on this, the plug-in's main thread.
 */
#include "layer_generation.h"
#include "procedure_arguments.h"

#include "generate_dialog.h"
#include "plugin_values.h"

#include <genlayer/genlayer.h>
#include <libgimp/gimp.h>
#include <libgimp/gimpui.h>

#define PROCEDURE_NAME "plug-in-genlayer"
#define PLUG_IN_BINARY "genlayer-gimp"
/* In the GIMP profile, so that repeats survive a restart. */
#define LAST_VALUES_FILE "genlayer-last-values.ini"

static const GimpParamDef return_definitions[] = {
    { GIMP_PDB_INT32, "num-layers", "Number of new layers" },
    { GIMP_PDB_INT32ARRAY, "layers", "The new layers, top to bottom" },
    { GIMP_PDB_STRING, "task-id", "The server's task id" },
};

static void
query (void)
{
    gimp_install_procedure (
        PROCEDURE_NAME, "Generate a new layer from a prompt with an image model",
        "Sends the prompt, and optionally the pixels of the selection in the layer "
        "(or in the visible image) as a reference, to the gpt-image-2 model behind "
        "the ToAPIs gateway, and adds each result as a new layer directly above the "
        "source layer, aligned to the selection. The API key comes from "
        "TOAPIS_API_KEY or $XDG_CONFIG_HOME/genlayer/config.json. A failure ends "
        "with a one-sentence reason as the error message.",
        "genlayer contributors", "genlayer contributors", "2025",
        "_Generate Layer…", "RGB*, GRAY*, INDEXED*", GIMP_PLUGIN,
        GENLAYER_N_ARGS, G_N_ELEMENTS (return_definitions),
        genlayer_procedure_arguments, return_definitions);
    gimp_plugin_menu_register (PROCEDURE_NAME, "<Image>/Filters/Generative");
}

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
pdb_status_of (genlayer_status status)
{
    switch (status)
    {
    case GENLAYER_OK:
        return GIMP_PDB_SUCCESS;
    case GENLAYER_CANCELLED:
        return GIMP_PDB_CANCEL;
    default:
        return GIMP_PDB_EXECUTION_ERROR;
    }
}

static GimpPDBStatusType
generate (GimpRunMode run_mode, const GimpParam *params, gint n_params,
          GenlayerGeneratedLayers *generated, gchar **error)
{
    const genlayer_client_options options = { .struct_size = sizeof options };
    genlayer_client *client = NULL;
    GenlayerPluginValues values;
    GimpPDBStatusType status;

    if (genlayer_abi_version () != GENLAYER_ABI_VERSION)
    {
        *error = g_strdup_printf ("The genlayer core has ABI version %u but this plug-in "
                                  "was built for %u; reinstall the plug-in from one build.",
                                  genlayer_abi_version (), GENLAYER_ABI_VERSION);
        return GIMP_PDB_EXECUTION_ERROR;
    }
    if (genlayer_client_create (&options, &client) != GENLAYER_OK)
    {
        *error = g_strdup (genlayer_last_error_message ());
        return GIMP_PDB_EXECUTION_ERROR;
    }

    genlayer_plugin_values_init (&values);
    if (obtain_values (run_mode, params, n_params, client, &values, error))
        status = pdb_status_of (genlayer_generate_layers (
            client, params[GENLAYER_ARG_IMAGE].data.d_image,
            params[GENLAYER_ARG_DRAWABLE].data.d_drawable, &values,
            run_mode == GIMP_RUN_INTERACTIVE ? GENLAYER_WAIT_PROGRESS_DIALOG
                                             : GENLAYER_WAIT_GIMP_PROGRESS,
            generated, error));
    else
        status = *error ? GIMP_PDB_EXECUTION_ERROR : GIMP_PDB_CANCEL;
    genlayer_plugin_values_clear (&values);
    genlayer_client_destroy (client);
    return status;
}

static void
run (const gchar *name, gint n_params, const GimpParam *params,
     gint *n_return_vals, GimpParam **return_vals)
{
    /* libgimp sends these after run returns; the process ends right after,
     * so what they point to is never freed. */
    static GimpParam results[1 + G_N_ELEMENTS (return_definitions)];
    const GimpRunMode run_mode = params[GENLAYER_ARG_RUN_MODE].data.d_int32;
    GenlayerGeneratedLayers generated = { 0 };
    gchar *error = NULL;

    (void) name;
    gegl_init (NULL, NULL);
    if (run_mode == GIMP_RUN_INTERACTIVE)
        gimp_ui_init (PLUG_IN_BINARY, FALSE);

    results[0].type = GIMP_PDB_STATUS;
    results[0].data.d_status = generate (run_mode, params, n_params, &generated, &error);
    *return_vals = results;
    *n_return_vals = 1;
    if (results[0].data.d_status == GIMP_PDB_SUCCESS)
    {
        results[1].type = GIMP_PDB_INT32;
        results[1].data.d_int32 = generated.n_layers;
        results[2].type = GIMP_PDB_INT32ARRAY;
        results[2].data.d_int32array = generated.layers;
        results[3].type = GIMP_PDB_STRING;
        results[3].data.d_string = generated.task_id;
        *n_return_vals = 4;
        if (run_mode != GIMP_RUN_NONINTERACTIVE)
            gimp_displays_flush ();
    }
    else if (error && run_mode == GIMP_RUN_INTERACTIVE)
        /* GIMP would show a returned message too; one dialog is enough. */
        genlayer_error_dialog_show (error);
    else if (error)
    {
        /* GIMP turns a string at [1] into the procedure's error message. It
         * pads a shorter answer with the declared types, and the wire reads
         * an INT32ARRAY's length from the value before it, here the string:
         * so every slot is filled, the array's with a plain 0. */
        results[1].type = GIMP_PDB_STRING;
        results[1].data.d_string = error;
        results[2].type = GIMP_PDB_INT32;
        results[2].data.d_int32 = 0;
        results[3].type = GIMP_PDB_STRING;
        results[3].data.d_string = "";
        *n_return_vals = 4;
    }
}

const GimpPlugInInfo PLUG_IN_INFO = { NULL, NULL, query, run };

MAIN ()
