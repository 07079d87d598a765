/*
 * The GIMP 3 plug-in: registers its procedures (Filters > Generative >
 * Generate Layer…, Generation History…, Recover Generations… and Batch Generate…, plus the
 * script-only submit, collect and history-insert) and runs them in GIMP's three run modes. Every
 * gimp_* and GTK call stays on this, the plug-in's main thread.
 */
#include "batch_procedure.h"
#include "procedure_arguments.h"

#include "browse_history.h"
#include "collect_journaled_task.h"
#include "generate_from_source.h"
#include "insert_history_entry.h"
#include "recover_jobs.h"
#include "run_values.h"

#include "plugin_client.h"
#include "procedure_documentation.h"

#include "batch_dialog.h"
#include "dialog_placement.h"
#include "generate_dialog.h"

#include <genlayer/genlayer.h>
#include <libgimp/gimp.h>
#include <libgimp/gimpui.h>

#define PLUG_IN_BINARY "genlayer"

#define PROCEDURE_GENERATE "plug-in-genlayer"
#define PROCEDURE_SUBMIT "plug-in-genlayer-submit"
#define PROCEDURE_COLLECT "plug-in-genlayer-collect"
#define PROCEDURE_RECOVER "plug-in-genlayer-recover"
#define PROCEDURE_BATCH "plug-in-genlayer-batch"
#define PROCEDURE_HISTORY_INSERT "plug-in-genlayer-history-insert"
#define PROCEDURE_HISTORY "plug-in-genlayer-history"

#define GENLAYER_TYPE_PLUG_IN (genlayer_plug_in_get_type ())
G_DECLARE_FINAL_TYPE (GenlayerPlugIn, genlayer_plug_in, GENLAYER, PLUG_IN, GimpPlugIn)

struct _GenlayerPlugIn
{
    GimpPlugIn parent_instance;
};

G_DEFINE_TYPE (GenlayerPlugIn, genlayer_plug_in, GIMP_TYPE_PLUG_IN)

/* Before any pixel moves. The plug-in only moves pixels in and out of
 * buffers and runs no GEGL operation, so GEGL need not load its operation
 * modules: an empty GEGL_PATH saves their loading at every call. */
static void
prepare_run (GimpRunMode run_mode)
{
    g_setenv ("GEGL_PATH", "", TRUE);
    gegl_init (NULL, NULL);
    if (run_mode == GIMP_RUN_INTERACTIVE)
    {
        gimp_ui_init (PLUG_IN_BINARY);
        genlayer_dialogs_follow_gimp ();
    }
}

/* What the procedure returns: on success its layers and task id (those of
 * its return values it declares), else the status and the one sentence. */
static GimpValueArray *
return_values (GimpProcedure *procedure, GimpRunMode run_mode, GimpPDBStatusType status,
               GenlayerProcedureResults *results, gchar *error)
{
    GimpValueArray *values;
    gint index = 1;

    if (status != GIMP_PDB_SUCCESS)
    {
        values = gimp_procedure_new_return_values (
            procedure, status, error ? g_error_new_literal (GIMP_PLUG_IN_ERROR, 0, error) : NULL);
        g_free (error);
        genlayer_procedure_results_clear (results);
        return values;
    }
    values = gimp_procedure_new_return_values (procedure, GIMP_PDB_SUCCESS, NULL);
    if (gimp_procedure_find_return_value (procedure, "layers"))
    {
        GimpLayer **layers = g_new0 (GimpLayer *, results->n_layers + 1);

        for (gint i = 0; i < results->n_layers; i++)
            layers[i] = gimp_layer_get_by_id (results->layers[i]);
        GIMP_VALUES_SET_CORE_OBJECT_ARRAY (values, index++, layers);
        g_free (layers);
    }
    if (gimp_procedure_find_return_value (procedure, "task-id"))
        GIMP_VALUES_SET_STRING (values, index, results->task_id ? results->task_id : "");
    if (run_mode != GIMP_RUN_NONINTERACTIVE)
        gimp_displays_flush ();
    genlayer_procedure_results_clear (results);
    return values;
}

/* What the values sources of a generation read from. */
typedef struct
{
    GimpProcedure *procedure;
    GimpProcedureConfig *config;
    genlayer_client *client;
} RunContext;

static gboolean
from_dialog (GenlayerPluginValues *values, gpointer data, gchar **error G_GNUC_UNUSED)
{
    const RunContext *run = data;

    genlayer_values_to_dialog (values, run->config);
    if (! genlayer_generate_dialog_run (run->procedure, run->config, run->client))
        return FALSE;
    genlayer_values_from_dialog (values, run->config);
    return TRUE;
}

static gboolean
from_arguments (GenlayerPluginValues *values, gpointer data, gchar **error)
{
    const RunContext *run = data;

    return genlayer_values_from_arguments (values, run->config, error);
}

static GimpPDBStatusType
generate (GimpProcedure *procedure, GimpRunMode run_mode, GimpImage *image, GimpDrawable *drawable,
          GimpProcedureConfig *config, genlayer_client *client, GenlayerGenerationExtent extent,
          GenlayerProcedureResults *out, gchar **error)
{
    RunContext run = { procedure, config, client };
    GenlayerPluginValues values;
    GimpPDBStatusType status;

    genlayer_plugin_values_init (&values);
    if (genlayer_run_values_obtain (run_mode, from_dialog, from_arguments, &run, &values, error))
        status = genlayer_pdb_status_of (
            genlayer_generate_from_source (client, image, drawable, &values, extent,
                                           genlayer_wait_for_run_mode (run_mode), out, error));
    else
        status = *error ? GIMP_PDB_EXECUTION_ERROR : GIMP_PDB_CANCEL;
    genlayer_plugin_values_clear (&values);
    return status;
}

/* The part of an image procedure that is its own: what it does with the
 * source layer and the client, filling *results and, on failure, *error. */
typedef GimpPDBStatusType (*ImageRun) (GimpProcedure *procedure, GimpRunMode run_mode,
                                       GimpImage *image, GimpDrawable *drawable,
                                       GimpProcedureConfig *config, genlayer_client *client,
                                       GenlayerProcedureResults *results, gchar **error);

static GimpPDBStatusType
generate_and_insert (GimpProcedure *procedure, GimpRunMode run_mode, GimpImage *image,
                     GimpDrawable *drawable, GimpProcedureConfig *config, genlayer_client *client,
                     GenlayerProcedureResults *results, gchar **error)
{
    return generate (procedure, run_mode, image, drawable, config, client,
                     GENLAYER_GENERATE_AND_INSERT, results, error);
}

static GimpPDBStatusType
submit_only (GimpProcedure *procedure, GimpRunMode run_mode, GimpImage *image,
             GimpDrawable *drawable, GimpProcedureConfig *config, genlayer_client *client,
             GenlayerProcedureResults *results, gchar **error)
{
    return generate (procedure, run_mode, image, drawable, config, client, GENLAYER_SUBMIT_ONLY,
                     results, error);
}

static GimpPDBStatusType
history_insert (GimpProcedure *procedure G_GNUC_UNUSED, GimpRunMode run_mode G_GNUC_UNUSED,
                GimpImage *image, GimpDrawable *drawable, GimpProcedureConfig *config,
                genlayer_client *client, GenlayerProcedureResults *results, gchar **error)
{
    gchar *entry_id = NULL;
    GimpPDBStatusType status;

    g_object_get (config, "entry-id", &entry_id, NULL);
    status = genlayer_pdb_status_of (genlayer_insert_history_entry (
        client, image, drawable, entry_id ? entry_id : "", results, error));
    g_free (entry_id);
    return status;
}

static GimpPDBStatusType
history_browse (GimpProcedure *procedure G_GNUC_UNUSED, GimpRunMode run_mode, GimpImage *image,
                GimpDrawable *drawable, GimpProcedureConfig *config G_GNUC_UNUSED,
                genlayer_client *client, GenlayerProcedureResults *results, gchar **error)
{
    return genlayer_pdb_status_of (
        genlayer_browse_history (run_mode, client, image, drawable, results, error));
}

/* plug-in-genlayer, -submit, -history-insert and -history (run_data their ImageRun). */
static GimpValueArray *
run_image_procedure (GimpProcedure *procedure, GimpRunMode run_mode, GimpImage *image,
                     GimpDrawable **drawables, GimpProcedureConfig *config, gpointer run_data)
{
    GenlayerProcedureResults results = { 0 };
    gchar *error = NULL;
    GimpPDBStatusType status = GIMP_PDB_EXECUTION_ERROR;
    genlayer_client *client;

    prepare_run (run_mode);
    client = genlayer_plugin_client_new (&error);
    if (client && (! drawables || ! drawables[0]))
        error = g_strdup ("No layer is selected; select the layer the new layer goes above.");
    else if (client)
        status = ((ImageRun) run_data) (procedure, run_mode, image, drawables[0], config, client,
                                        &results, &error);
    if (client)
        genlayer_client_destroy (client);
    return return_values (procedure, run_mode, status, &results, error);
}

/* The part of a procedure that is its own: what it does with the client,
 * filling *results and, on failure, *error. */
typedef GimpPDBStatusType (*ClientRun) (GimpProcedure *procedure, GimpRunMode run_mode,
                                        GimpProcedureConfig *config, genlayer_client *client,
                                        GenlayerProcedureResults *results, gchar **error);

/* plug-in-genlayer-collect, -recover and -batch (run_data their ClientRun). */
static GimpValueArray *
run_with_client (GimpProcedure *procedure, GimpProcedureConfig *config, gpointer run_data)
{
    GenlayerProcedureResults results = { 0 };
    gchar *error = NULL;
    GimpPDBStatusType status = GIMP_PDB_EXECUTION_ERROR;
    GimpRunMode run_mode;
    genlayer_client *client;

    g_object_get (config, "run-mode", &run_mode, NULL);
    prepare_run (run_mode);
    client = genlayer_plugin_client_new (&error);
    if (client)
    {
        status = ((ClientRun) run_data) (procedure, run_mode, config, client, &results, &error);
        genlayer_client_destroy (client);
    }
    return return_values (procedure, run_mode, status, &results, error);
}

static GimpPDBStatusType
collect (GimpProcedure *procedure G_GNUC_UNUSED, GimpRunMode run_mode, GimpProcedureConfig *config,
         genlayer_client *client, GenlayerProcedureResults *results, gchar **error)
{
    GimpPDBStatusType status = GIMP_PDB_EXECUTION_ERROR;
    GimpImage *image;
    gchar *task_id = NULL;
    gint timeout_s;

    g_object_get (config, "image", &image, NULL);
    if (genlayer_collect_arguments_read (config, &task_id, &timeout_s, error))
        status = genlayer_pdb_status_of (
            genlayer_collect_task (client, image, task_id, timeout_s,
                                   genlayer_wait_for_run_mode (run_mode), results, error));
    g_free (task_id);
    g_clear_object (&image);
    return status;
}

static GimpPDBStatusType
recover (GimpProcedure *procedure G_GNUC_UNUSED, GimpRunMode run_mode, GimpProcedureConfig *config,
         genlayer_client *client, GenlayerProcedureResults *results, gchar **error G_GNUC_UNUSED)
{
    gint timeout_s;

    g_object_get (config, "timeout-s", &timeout_s, NULL);
    return genlayer_pdb_status_of (genlayer_recover_jobs (run_mode, client, timeout_s, results));
}

static GimpPDBStatusType
batch (GimpProcedure *procedure, GimpRunMode run_mode, GimpProcedureConfig *config,
       genlayer_client *client, GenlayerProcedureResults *results G_GNUC_UNUSED, gchar **error)
{
    if (run_mode == GIMP_RUN_INTERACTIVE && ! genlayer_batch_dialog_run (procedure, config))
        return GIMP_PDB_CANCEL;
    return genlayer_pdb_status_of (genlayer_batch_run (client, run_mode, config, error));
}

/* A procedure that run_with_client runs with `body`. */
static GimpProcedure *
client_procedure_new (GimpPlugIn *plug_in, const gchar *name, ClientRun body)
{
    return gimp_procedure_new (plug_in, name, GIMP_PDB_PROC_TYPE_PLUGIN, run_with_client,
                               (gpointer) body, NULL);
}

/* A procedure on a layer of an image that run_image_procedure runs with `body`. */
static GimpProcedure *
image_procedure_new (GimpPlugIn *plug_in, const gchar *name, ImageRun body)
{
    GimpProcedure *procedure = gimp_image_procedure_new (
        plug_in, name, GIMP_PDB_PROC_TYPE_PLUGIN, run_image_procedure, (gpointer) body, NULL);

    gimp_procedure_set_image_types (procedure, GENLAYER_IMAGE_TYPES);
    gimp_procedure_set_sensitivity_mask (procedure, GIMP_PROCEDURE_SENSITIVE_DRAWABLE);
    return procedure;
}

/* In Filters > Generative, usable with or without an image. */
static void
add_menu_item (GimpProcedure *procedure, const gchar *label)
{
    gimp_procedure_set_menu_label (procedure, label);
    gimp_procedure_add_menu_path (procedure, GENLAYER_MENU_PATH);
    gimp_procedure_set_sensitivity_mask (procedure, GIMP_PROCEDURE_SENSITIVE_ALWAYS);
}

static GimpProcedure *
create_procedure (GimpPlugIn *plug_in, const gchar *name)
{
    GimpProcedure *procedure = NULL;

    if (g_strcmp0 (name, PROCEDURE_GENERATE) == 0)
    {
        procedure = image_procedure_new (plug_in, name, generate_and_insert);
        genlayer_add_generation_arguments (procedure);
        gimp_procedure_set_menu_label (procedure, "_Generate Layer…");
        gimp_procedure_add_menu_path (procedure, GENLAYER_MENU_PATH);
        gimp_procedure_set_documentation (procedure, GENLAYER_GENERATE_BLURB,
                                          GENLAYER_GENERATE_HELP, NULL);
        genlayer_add_layers_return_value (procedure);
        genlayer_add_task_id_return_value (procedure);
    }
    else if (g_strcmp0 (name, PROCEDURE_SUBMIT) == 0)
    {
        procedure = image_procedure_new (plug_in, name, submit_only);
        genlayer_add_generation_arguments (procedure);
        gimp_procedure_set_documentation (procedure, GENLAYER_SUBMIT_BLURB, GENLAYER_SUBMIT_HELP,
                                          NULL);
        genlayer_add_task_id_return_value (procedure);
    }
    else if (g_strcmp0 (name, PROCEDURE_HISTORY_INSERT) == 0)
    {
        procedure = image_procedure_new (plug_in, name, history_insert);
        gimp_procedure_set_documentation (procedure, GENLAYER_HISTORY_INSERT_BLURB,
                                          GENLAYER_HISTORY_INSERT_HELP, NULL);
        gimp_procedure_add_string_argument (procedure, "entry-id", "History entry",
                                            GENLAYER_HISTORY_ENTRY_BLURB, "", G_PARAM_READWRITE);
        genlayer_add_layers_return_value (procedure);
        genlayer_add_task_id_return_value (procedure);
    }
    else if (g_strcmp0 (name, PROCEDURE_HISTORY) == 0)
    {
        procedure = image_procedure_new (plug_in, name, history_browse);
        gimp_procedure_set_menu_label (procedure, "Generation _History…");
        gimp_procedure_add_menu_path (procedure, GENLAYER_MENU_PATH);
        gimp_procedure_set_documentation (procedure, GENLAYER_HISTORY_BROWSE_BLURB,
                                          GENLAYER_HISTORY_BROWSE_HELP, NULL);
        genlayer_add_layers_return_value (procedure);
    }
    else if (g_strcmp0 (name, PROCEDURE_COLLECT) == 0)
    {
        procedure = client_procedure_new (plug_in, name, collect);
        gimp_procedure_set_documentation (procedure, GENLAYER_COLLECT_BLURB, GENLAYER_COLLECT_HELP,
                                          NULL);
        genlayer_add_collect_arguments (procedure);
        genlayer_add_layers_return_value (procedure);
        genlayer_add_task_id_return_value (procedure);
    }
    else if (g_strcmp0 (name, PROCEDURE_RECOVER) == 0)
    {
        procedure = client_procedure_new (plug_in, name, recover);
        add_menu_item (procedure, "_Recover Generations…");
        gimp_procedure_set_documentation (procedure, GENLAYER_RECOVER_BLURB, GENLAYER_RECOVER_HELP,
                                          NULL);
        genlayer_add_recover_arguments (procedure);
        genlayer_add_layers_return_value (procedure);
    }
    else if (g_strcmp0 (name, PROCEDURE_BATCH) == 0)
    {
        procedure = client_procedure_new (plug_in, name, batch);
        add_menu_item (procedure, "_Batch Generate…");
        gimp_procedure_set_documentation (procedure, GENLAYER_BATCH_BLURB, GENLAYER_BATCH_HELP,
                                          NULL);
        genlayer_add_batch_arguments (procedure);
    }
    if (procedure)
        gimp_procedure_set_attribution (procedure, "genlayer contributors", "genlayer contributors",
                                        "2025");
    return procedure;
}

static GList *
query_procedures (GimpPlugIn *plug_in G_GNUC_UNUSED)
{
    GList *names = NULL;

    names = g_list_append (names, g_strdup (PROCEDURE_GENERATE));
    names = g_list_append (names, g_strdup (PROCEDURE_SUBMIT));
    names = g_list_append (names, g_strdup (PROCEDURE_COLLECT));
    names = g_list_append (names, g_strdup (PROCEDURE_HISTORY_INSERT));
    names = g_list_append (names, g_strdup (PROCEDURE_HISTORY));
    names = g_list_append (names, g_strdup (PROCEDURE_RECOVER));
    names = g_list_append (names, g_strdup (PROCEDURE_BATCH));
    return names;
}

/* The plug-in is not translated: without this GIMP looks for a catalog at
 * every run and logs that there is none. */
static gboolean
set_i18n (GimpPlugIn *plug_in G_GNUC_UNUSED, const gchar *procedure_name G_GNUC_UNUSED,
          gchar **gettext_domain G_GNUC_UNUSED, gchar **catalog_dir G_GNUC_UNUSED)
{
    return FALSE;
}

static void
genlayer_plug_in_class_init (GenlayerPlugInClass *klass)
{
    GimpPlugInClass *plug_in_class = GIMP_PLUG_IN_CLASS (klass);

    plug_in_class->query_procedures = query_procedures;
    plug_in_class->create_procedure = create_procedure;
    plug_in_class->set_i18n = set_i18n;
}

static void
genlayer_plug_in_init (GenlayerPlugIn *plug_in G_GNUC_UNUSED)
{
}

GIMP_MAIN (GENLAYER_TYPE_PLUG_IN)
