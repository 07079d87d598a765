#include "procedure_arguments.h"

const GimpParamDef genlayer_procedure_arguments[GENLAYER_N_ARGS] = {
    { GIMP_PDB_INT32, "run-mode",
      "The run mode { RUN-INTERACTIVE (0), RUN-NONINTERACTIVE (1), RUN-WITH-LAST-VALS (2) }" },
    { GIMP_PDB_IMAGE, "image", "The image" },
    { GIMP_PDB_DRAWABLE, "drawable", "The source layer" },
    { GIMP_PDB_STRING, "prompt", "What to generate, 1 to 32000 characters" },
    { GIMP_PDB_STRING, "size", "\"auto\" or a WxH of the size table, e.g. \"1536x1024\"" },
    { GIMP_PDB_STRING, "resolution", "\"auto\", \"1024\", \"1536\" or \"2048\"" },
    { GIMP_PDB_INT32, "reference",
      "0 none (text only), 1 the drawable, 2 the visible image" },
    { GIMP_PDB_STRING, "extra-references",
      "';'-separated local files or http(s) URLs, may be empty" },
    { GIMP_PDB_INT32, "n", "Number of variations, 1 to 4" },
    { GIMP_PDB_INT32, "placement",
      "0 generated size at the region's origin, 1 scaled to cover the region, "
      "centred and cropped" },
    { GIMP_PDB_STRING, "options",
      "A JSON object or empty: model, response_format, timeout_s, mask" },
};

/* Replaces an owned string; NULL stands for "". */
static void
set_string (gchar **field, const gchar *text)
{
    g_free (*field);
    *field = g_strdup (text ? text : "");
}

static gchar *
refusal_of (const GimpParam *params, gint n_params)
{
    if (n_params != GENLAYER_N_ARGS)
        return g_strdup_printf ("plug-in-genlayer takes %d arguments, not %d; "
                                "see its entry in the procedure browser.",
                                GENLAYER_N_ARGS, n_params);

    const gint32 reference = params[GENLAYER_ARG_REFERENCE].data.d_int32;
    const gint32 n = params[GENLAYER_ARG_N].data.d_int32;
    const gint32 placement = params[GENLAYER_ARG_PLACEMENT].data.d_int32;

    if (reference < GENLAYER_REFERENCE_NONE || reference > GENLAYER_REFERENCE_VISIBLE)
        return g_strdup ("The reference must be 0 (none), 1 (the layer) or 2 (the visible image).");
    /* The core reads n = 0 as 1; the procedure promises 1 to 4. */
    if (n < 1 || n > 4)
        return g_strdup ("The number of variations must be between 1 and 4.");
    if (placement != GENLAYER_PLACEMENT_GENERATED_SIZE
        && placement != GENLAYER_PLACEMENT_COVER_REGION)
        return g_strdup ("The placement must be 0 (generated size) or 1 (cover the region).");
    return NULL;
}

gboolean
genlayer_values_from_arguments (GenlayerPluginValues *values, const GimpParam *params,
                                gint n_params, gchar **error)
{
    *error = refusal_of (params, n_params);
    if (*error)
        return FALSE;

    set_string (&values->prompt, params[GENLAYER_ARG_PROMPT].data.d_string);
    set_string (&values->size, params[GENLAYER_ARG_SIZE].data.d_string);
    set_string (&values->resolution, params[GENLAYER_ARG_RESOLUTION].data.d_string);
    values->reference = params[GENLAYER_ARG_REFERENCE].data.d_int32;
    set_string (&values->extra_references, params[GENLAYER_ARG_EXTRA_REFERENCES].data.d_string);
    values->n = params[GENLAYER_ARG_N].data.d_int32;
    values->placement = params[GENLAYER_ARG_PLACEMENT].data.d_int32;
    return genlayer_plugin_values_apply_options (values,
                                                 params[GENLAYER_ARG_OPTIONS].data.d_string,
                                                 error);
}
