/*
 * The GIMP 2.10 plug-in: registers its procedures (Filters > Generative >
 * Generate Layer…, Generation History… and Recover Generations…, plus the script-only submit,
 * collect and history-insert) and runs them in GIMP's three run modes. Every gimp_* and GTK
 * call stays on this, the plug-in's main thread.
 */
#include "procedure_arguments.h"
#include "procedures.h"

#include "plugin_client.h"
#include "procedure_documentation.h"

#include "dialog_placement.h"
#include "error_dialog.h"

#include <genlayer/genlayer.h>
#include <libgimp/gimp.h>
#include <libgimp/gimpui.h>

#define PLUG_IN_BINARY "genlayer-gimp"

/* Every procedure returns a prefix of these. */
static const GimpParamDef return_definitions[] = {
    { GIMP_PDB_INT32, "num-layers", "Number of new layers" },
    { GIMP_PDB_INT32ARRAY, "layers", "The new layers, top to bottom" },
    { GIMP_PDB_STRING, "task-id", "The server's task id" },
};

typedef struct
{
    const gchar *name;
    const gchar *blurb;
    const gchar *help;
    const gchar *menu_label;  /* NULL: for scripts only */
    const gchar *image_types; /* NULL: any image, or none */
    const GimpParamDef *arguments;
    gint n_arguments;
    gint n_return_values; /* how many of return_definitions */
    GenlayerProcedureRun *run;
} Procedure;

static const Procedure procedures[] = {
    { "plug-in-genlayer", GENLAYER_GENERATE_BLURB, GENLAYER_GENERATE_HELP, "_Generate Layer…",
      GENLAYER_IMAGE_TYPES, genlayer_procedure_arguments, GENLAYER_N_ARGS, 3,
      genlayer_run_generate },
    { "plug-in-genlayer-submit", GENLAYER_SUBMIT_BLURB, GENLAYER_SUBMIT_HELP, NULL,
      GENLAYER_IMAGE_TYPES, genlayer_procedure_arguments, GENLAYER_N_ARGS, 3, genlayer_run_submit },
    { "plug-in-genlayer-collect", GENLAYER_COLLECT_BLURB, GENLAYER_COLLECT_HELP, NULL, NULL,
      genlayer_collect_arguments, GENLAYER_COLLECT_N_ARGS, 3, genlayer_run_collect },
    { "plug-in-genlayer-recover", GENLAYER_RECOVER_BLURB, GENLAYER_RECOVER_HELP,
      "_Recover Generations…", NULL, genlayer_recover_arguments, GENLAYER_RECOVER_N_ARGS, 2,
      genlayer_run_recover },
    { "plug-in-genlayer-history-insert", GENLAYER_HISTORY_INSERT_BLURB,
      GENLAYER_HISTORY_INSERT_HELP, NULL, GENLAYER_IMAGE_TYPES, genlayer_history_insert_arguments,
      GENLAYER_HISTORY_INSERT_N_ARGS, 3, genlayer_run_history_insert },
    /* The image and drawable of history-insert, without the entry id. */
    { "plug-in-genlayer-history", GENLAYER_HISTORY_BROWSE_BLURB, GENLAYER_HISTORY_BROWSE_HELP,
      "Generation _History…", GENLAYER_IMAGE_TYPES, genlayer_history_insert_arguments,
      GENLAYER_HISTORY_INSERT_ARG_ENTRY_ID, 3, genlayer_run_history_browse },
};

static void
query (void)
{
    for (gsize i = 0; i < G_N_ELEMENTS (procedures); i++)
    {
        const Procedure *procedure = &procedures[i];

        gimp_install_procedure (procedure->name, procedure->blurb, procedure->help,
                                "genlayer contributors", "genlayer contributors", "2025",
                                procedure->menu_label, procedure->image_types, GIMP_PLUGIN,
                                procedure->n_arguments, procedure->n_return_values,
                                procedure->arguments, return_definitions);
        if (procedure->menu_label)
            gimp_plugin_menu_register (procedure->name, GENLAYER_MENU_PATH);
    }
}

static const Procedure *
procedure_named (const gchar *name)
{
    for (gsize i = 0; i < G_N_ELEMENTS (procedures); i++)
        if (g_strcmp0 (procedures[i].name, name) == 0)
            return &procedures[i];
    return NULL;
}

/* Makes a client and runs the procedure with it. */
static GimpPDBStatusType
run_with_client (const Procedure *procedure, GimpRunMode run_mode, const GimpParam *params,
                 gint n_params, GenlayerProcedureResults *out, gchar **error)
{
    genlayer_client *client = genlayer_plugin_client_new (error);
    GimpPDBStatusType status;

    if (! client)
        return GIMP_PDB_EXECUTION_ERROR;
    status = procedure->run (run_mode, params, n_params, client, out, error);
    genlayer_client_destroy (client);
    return status;
}

static void
run (const gchar *name, gint n_params, const GimpParam *params, gint *n_return_vals,
     GimpParam **return_vals)
{
    /* libgimp sends these after run returns; the process ends right after,
     * so what they point to is never freed. */
    static GimpParam results[1 + G_N_ELEMENTS (return_definitions)];
    const Procedure *procedure = procedure_named (name);
    const GimpRunMode run_mode = params[0].data.d_int32;
    GenlayerProcedureResults generated = { 0 };
    gchar *error = NULL;

    /* The plug-in only moves pixels in and out of buffers and runs no GEGL
     * operation, so GEGL need not load its operation modules: an empty
     * GEGL_PATH saves about 0.15 s of every call. */
    g_setenv ("GEGL_PATH", "", TRUE);
    gegl_init (NULL, NULL);
    if (run_mode == GIMP_RUN_INTERACTIVE)
    {
        gimp_ui_init (PLUG_IN_BINARY, FALSE);
        genlayer_dialogs_follow_gimp ();
    }

    results[0].type = GIMP_PDB_STATUS;
    results[0].data.d_status = procedure ? run_with_client (procedure, run_mode, params, n_params,
                                                            &generated, &error)
                                         : GIMP_PDB_CALLING_ERROR;
    *return_vals = results;
    *n_return_vals = 1;
    if (results[0].data.d_status == GIMP_PDB_SUCCESS)
    {
        results[1].type = GIMP_PDB_INT32;
        results[1].data.d_int32 = generated.n_layers;
        results[2].type = GIMP_PDB_INT32ARRAY;
        results[2].data.d_int32array = generated.layers;
        results[3].type = GIMP_PDB_STRING;
        results[3].data.d_string = generated.task_id ? generated.task_id : "";
        *n_return_vals = 1 + procedure->n_return_values;
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
         * so every declared slot is filled, the array's with a plain 0. */
        results[1].type = GIMP_PDB_STRING;
        results[1].data.d_string = error;
        results[2].type = GIMP_PDB_INT32;
        results[2].data.d_int32 = 0;
        results[3].type = GIMP_PDB_STRING;
        results[3].data.d_string = "";
        *n_return_vals = 1 + procedure->n_return_values;
    }
}

const GimpPlugInInfo PLUG_IN_INFO = { NULL, NULL, query, run };

MAIN ()
