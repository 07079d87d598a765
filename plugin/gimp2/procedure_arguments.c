#include "procedure_arguments.h"

#include "call_refusals.h"
#include "procedure_documentation.h"

#define RUN_MODE_ARGUMENT                                                                          \
    {                                                                                              \
        GIMP_PDB_INT32, "run-mode",                                                                \
            "The run mode { RUN-INTERACTIVE (0), RUN-NONINTERACTIVE (1), RUN-WITH-LAST-VALS (2) }" \
    }

const GimpParamDef genlayer_procedure_arguments[GENLAYER_N_ARGS] = {
    RUN_MODE_ARGUMENT,
    { GIMP_PDB_IMAGE, "image", "The image" },
    { GIMP_PDB_DRAWABLE, "drawable", "The source layer" },
    { GIMP_PDB_STRING, "prompt", GENLAYER_PROMPT_BLURB },
    { GIMP_PDB_STRING, "size", GENLAYER_SIZE_BLURB },
    { GIMP_PDB_STRING, "resolution", GENLAYER_RESOLUTION_BLURB },
    { GIMP_PDB_INT32, "reference", "0 none (text only), 1 the drawable, 2 the visible image" },
    { GIMP_PDB_STRING, "extra-references", GENLAYER_EXTRA_REFERENCES_BLURB },
    { GIMP_PDB_INT32, "n", GENLAYER_N_BLURB },
    { GIMP_PDB_INT32, "placement",
      "0 generated size at the region's origin, 1 scaled to cover the region, "
      "centred and cropped" },
    { GIMP_PDB_STRING, "options", GENLAYER_OPTIONS_BLURB },
};

const GimpParamDef genlayer_collect_arguments[GENLAYER_COLLECT_N_ARGS] = {
    RUN_MODE_ARGUMENT,
    { GIMP_PDB_IMAGE, "image", GENLAYER_COLLECT_IMAGE_BLURB },
    { GIMP_PDB_STRING, "task-id", GENLAYER_TASK_ID_BLURB },
    { GIMP_PDB_INT32, "timeout-s", GENLAYER_COLLECT_TIMEOUT_BLURB },
};

const GimpParamDef genlayer_recover_arguments[GENLAYER_RECOVER_N_ARGS] = {
    RUN_MODE_ARGUMENT,
    { GIMP_PDB_IMAGE, "image", GENLAYER_RECOVER_IMAGE_BLURB },
    { GIMP_PDB_INT32, "timeout-s", GENLAYER_RECOVER_TIMEOUT_BLURB },
};

const GimpParamDef genlayer_history_insert_arguments[GENLAYER_HISTORY_INSERT_N_ARGS] = {
    RUN_MODE_ARGUMENT,
    { GIMP_PDB_IMAGE, "image", "The image" },
    { GIMP_PDB_DRAWABLE, "drawable", "The layer the new layer goes above" },
    { GIMP_PDB_STRING, "entry-id", GENLAYER_HISTORY_ENTRY_BLURB },
};

/* Replaces an owned string; NULL stands for "". */
static void
set_string (gchar **field, const gchar *text)
{
    g_free (*field);
    *field = g_strdup (text ? text : "");
}

/* The sentence refusing a call with n_params arguments, or NULL. */
static gchar *
count_refusal (const gchar *procedure, gint expected, gint n_params)
{
    if (n_params == expected)
        return NULL;
    return g_strdup_printf ("%s takes %d arguments, not %d; "
                            "see its entry in the procedure browser.",
                            procedure, expected, n_params);
}

gboolean
genlayer_values_from_arguments (GenlayerPluginValues *values, const GimpParam *params,
                                gint n_params, gchar **error)
{
    *error = count_refusal ("plug-in-genlayer", GENLAYER_N_ARGS, n_params);
    if (*error)
        return FALSE;

    set_string (&values->prompt, params[GENLAYER_ARG_PROMPT].data.d_string);
    set_string (&values->size, params[GENLAYER_ARG_SIZE].data.d_string);
    set_string (&values->resolution, params[GENLAYER_ARG_RESOLUTION].data.d_string);
    values->reference = params[GENLAYER_ARG_REFERENCE].data.d_int32;
    set_string (&values->extra_references, params[GENLAYER_ARG_EXTRA_REFERENCES].data.d_string);
    values->n = params[GENLAYER_ARG_N].data.d_int32;
    values->placement = params[GENLAYER_ARG_PLACEMENT].data.d_int32;
    *error = genlayer_plugin_values_refusal (values);
    if (*error)
        return FALSE;
    return genlayer_plugin_values_apply_options (values, params[GENLAYER_ARG_OPTIONS].data.d_string,
                                                 error);
}

/* A timeout argument: 0 or a number of seconds. */
static gboolean
read_timeout (gint32 value, gint *timeout_s, gchar **error)
{
    *error = genlayer_timeout_refusal (value);
    *timeout_s = value;
    return ! *error;
}

gboolean
genlayer_collect_arguments_read (const GimpParam *params, gint n_params, const gchar **task_id,
                                 gint *timeout_s, gchar **error)
{
    *error = count_refusal ("plug-in-genlayer-collect", GENLAYER_COLLECT_N_ARGS, n_params);
    if (*error)
        return FALSE;
    *task_id = params[GENLAYER_COLLECT_ARG_TASK_ID].data.d_string;
    *error = genlayer_task_id_refusal (*task_id);
    if (*error)
        return FALSE;
    return read_timeout (params[GENLAYER_COLLECT_ARG_TIMEOUT_S].data.d_int32, timeout_s, error);
}

gboolean
genlayer_history_insert_arguments_read (const GimpParam *params, gint n_params,
                                        const gchar **entry_id, gchar **error)
{
    *error = count_refusal ("plug-in-genlayer-history-insert", GENLAYER_HISTORY_INSERT_N_ARGS,
                            n_params);
    *entry_id = *error ? NULL : params[GENLAYER_HISTORY_INSERT_ARG_ENTRY_ID].data.d_string;
    return ! *error;
}

gboolean
genlayer_recover_arguments_read (const GimpParam *params, gint n_params, gint *timeout_s,
                                 gchar **error)
{
    *error = count_refusal ("plug-in-genlayer-recover", GENLAYER_RECOVER_N_ARGS, n_params);
    if (*error)
        return FALSE;
    return read_timeout (params[GENLAYER_RECOVER_ARG_TIMEOUT_S].data.d_int32, timeout_s, error);
}
