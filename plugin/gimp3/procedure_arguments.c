#include "procedure_arguments.h"

#include "call_refusals.h"
#include "plugin_values.h"
#include "procedure_documentation.h"
#include "size_choices.h"

#include <genlayer/genlayer.h>

static GimpChoice *
choice_of (const GenlayerChoice *choices, gsize count)
{
    GimpChoice *choice = gimp_choice_new ();

    for (gsize i = 0; i < count; i++)
        gimp_choice_add (choice, choices[i].nick, choices[i].value, choices[i].label, NULL);
    return choice;
}

/* The menu of a size-table list ("auto" first), each entry its own nick. */
static GimpChoice *
menu_of (gchar **entries)
{
    GimpChoice *choice = gimp_choice_new ();

    for (gint i = 0; entries[i]; i++)
        gimp_choice_add (choice, entries[i], i, entries[i], NULL);
    return choice;
}

static void
add_size_menus (GimpProcedure *procedure)
{
    gchar **sizes = NULL;
    gchar **resolutions = NULL;

    genlayer_size_choices_parse (genlayer_size_table_json (), &sizes, &resolutions);
    gimp_procedure_add_choice_aux_argument (procedure, "size-menu", "Si_ze", "The generated size",
                                            menu_of (sizes), "auto", G_PARAM_READWRITE);
    gimp_procedure_add_choice_aux_argument (procedure, "resolution-menu", "Resol_ution",
                                            "The resolution tier", menu_of (resolutions), "auto",
                                            G_PARAM_READWRITE);
    g_strfreev (sizes);
    g_strfreev (resolutions);
}

void
genlayer_add_generation_arguments (GimpProcedure *procedure)
{
    const genlayer_limits limits = genlayer_plugin_limits ();

    gimp_procedure_add_string_argument (procedure, "prompt", "_Describe the layer to generate",
                                        GENLAYER_PROMPT_BLURB, "", G_PARAM_READWRITE);
    gimp_procedure_add_string_argument (procedure, "size", "Size", GENLAYER_SIZE_BLURB, "auto",
                                        G_PARAM_READWRITE);
    gimp_procedure_add_string_argument (procedure, "resolution", "Resolution",
                                        GENLAYER_RESOLUTION_BLURB, "auto", G_PARAM_READWRITE);
    gimp_procedure_add_choice_argument (
        procedure, "reference", "Re_ference",
        "\"none\" (text only), \"layer\" (the source layer) or \"visible\" (the visible image)",
        choice_of (genlayer_reference_choices, G_N_ELEMENTS (genlayer_reference_choices)), "layer",
        G_PARAM_READWRITE);
    gimp_procedure_add_string_argument (procedure, "extra-references", "E_xtra references",
                                        GENLAYER_EXTRA_REFERENCES_BLURB, "", G_PARAM_READWRITE);
    gimp_procedure_add_int_argument (procedure, "n", "_Variations", GENLAYER_N_BLURB,
                                     (gint) limits.min_images, (gint) limits.max_images, 1,
                                     G_PARAM_READWRITE);
    gimp_procedure_add_choice_argument (
        procedure, "placement", "_Placement",
        "\"generated-size\" at the region's origin, or \"cover\": scaled to cover the region, "
        "centred and cropped",
        choice_of (genlayer_placement_choices, G_N_ELEMENTS (genlayer_placement_choices)),
        "generated-size", G_PARAM_READWRITE);
    gimp_procedure_add_string_argument (procedure, "options", "Options", GENLAYER_OPTIONS_BLURB, "",
                                        G_PARAM_READWRITE);

    add_size_menus (procedure);
    gimp_procedure_add_string_aux_argument (procedure, "model", "_Model", "The image model",
                                            limits.default_model, G_PARAM_READWRITE);
    gimp_procedure_add_boolean_aux_argument (procedure, "mask", "Add la_yer mask from selection",
                                             "Mask the new layers to the selection", TRUE,
                                             G_PARAM_READWRITE);
    gimp_procedure_add_string_aux_argument (procedure, "api-key", "API _key",
                                            GENLAYER_API_KEY_TOOLTIP, "", G_PARAM_READWRITE);
    gimp_procedure_add_boolean_aux_argument (procedure, "remember-key", "R_emember",
                                             GENLAYER_REMEMBER_KEY_TOOLTIP, FALSE,
                                             G_PARAM_READWRITE);
}

/* Replaces an owned string. */
static void
take_string (gchar **field, gchar *text)
{
    g_free (*field);
    *field = text ? text : g_strdup ("");
}

gboolean
genlayer_values_from_arguments (GenlayerPluginValues *values, GimpProcedureConfig *config,
                                gchar **error)
{
    gchar *prompt, *size, *resolution, *extra_references, *options;
    gboolean applied;

    g_object_get (config, "prompt", &prompt, "size", &size, "resolution", &resolution,
                  "extra-references", &extra_references, "n", &values->n, "options", &options,
                  NULL);
    take_string (&values->prompt, prompt);
    take_string (&values->size, size);
    take_string (&values->resolution, resolution);
    take_string (&values->extra_references, extra_references);
    values->reference = gimp_procedure_config_get_choice_id (config, "reference");
    values->placement = gimp_procedure_config_get_choice_id (config, "placement");
    *error = genlayer_plugin_values_refusal (values);
    applied = ! *error && genlayer_plugin_values_apply_options (values, options, error);
    g_free (options);
    return applied;
}

/* The nick of `value` among the choices. */
static const gchar *
nick_of (const GenlayerChoice *choices, gsize count, gint value)
{
    for (gsize i = 0; i < count; i++)
        if (choices[i].value == value)
            return choices[i].nick;
    return choices[0].nick;
}

/* The menu entry of `text`, or "auto" when the menu lacks it. */
static const gchar *
menu_entry (GimpProcedureConfig *config, const gchar *menu, const gchar *text)
{
    GParamSpec *spec = g_object_class_find_property (G_OBJECT_GET_CLASS (config), menu);
    GimpChoice *choice = gimp_param_spec_choice_get_choice (spec);

    return gimp_choice_is_valid (choice, text) ? text : "auto";
}

void
genlayer_values_to_dialog (const GenlayerPluginValues *values, GimpProcedureConfig *config)
{
    g_object_set (config, "prompt", values->prompt, "size-menu",
                  menu_entry (config, "size-menu", values->size), "resolution-menu",
                  menu_entry (config, "resolution-menu", values->resolution), "reference",
                  nick_of (genlayer_reference_choices, G_N_ELEMENTS (genlayer_reference_choices),
                           values->reference),
                  "extra-references", values->extra_references, "n", values->n, "placement",
                  nick_of (genlayer_placement_choices, G_N_ELEMENTS (genlayer_placement_choices),
                           values->placement),
                  "model", values->model, "mask", values->mask, NULL);
}

void
genlayer_values_from_dialog (GenlayerPluginValues *values, GimpProcedureConfig *config)
{
    gchar *prompt, *size, *resolution, *extra_references, *model;

    g_object_get (config, "prompt", &prompt, "size-menu", &size, "resolution-menu", &resolution,
                  "extra-references", &extra_references, "n", &values->n, "model", &model, "mask",
                  &values->mask, NULL);
    take_string (&values->prompt, prompt);
    take_string (&values->size, size);
    take_string (&values->resolution, resolution);
    take_string (&values->extra_references, extra_references);
    take_string (&values->model, model);
    values->reference = gimp_procedure_config_get_choice_id (config, "reference");
    values->placement = gimp_procedure_config_get_choice_id (config, "placement");
}

static void
add_run_mode_and_image (GimpProcedure *procedure, const gchar *image_blurb)
{
    gimp_procedure_add_enum_argument (procedure, "run-mode", "Run mode", "The run mode",
                                      GIMP_TYPE_RUN_MODE, GIMP_RUN_NONINTERACTIVE,
                                      G_PARAM_READWRITE);
    gimp_procedure_add_image_argument (procedure, "image", "Image", image_blurb, TRUE,
                                       G_PARAM_READWRITE);
}

void
genlayer_add_collect_arguments (GimpProcedure *procedure)
{
    add_run_mode_and_image (procedure, GENLAYER_COLLECT_IMAGE_BLURB);
    gimp_procedure_add_string_argument (procedure, "task-id", "Task id", GENLAYER_TASK_ID_BLURB, "",
                                        G_PARAM_READWRITE);
    gimp_procedure_add_int_argument (procedure, "timeout-s", "Timeout",
                                     GENLAYER_COLLECT_TIMEOUT_BLURB, 0, G_MAXINT, 0,
                                     G_PARAM_READWRITE);
}

gboolean
genlayer_collect_arguments_read (GimpProcedureConfig *config, gchar **task_id, gint *timeout_s,
                                 gchar **error)
{
    g_object_get (config, "task-id", task_id, "timeout-s", timeout_s, NULL);
    *error = genlayer_task_id_refusal (*task_id);
    if (! *error)
        *error = genlayer_timeout_refusal (*timeout_s);
    return ! *error;
}

void
genlayer_add_recover_arguments (GimpProcedure *procedure)
{
    add_run_mode_and_image (procedure, GENLAYER_RECOVER_IMAGE_BLURB);
    gimp_procedure_add_int_argument (procedure, "timeout-s", "Timeout",
                                     GENLAYER_RECOVER_TIMEOUT_BLURB, 0, G_MAXINT, 0,
                                     G_PARAM_READWRITE);
}

void
genlayer_add_layers_return_value (GimpProcedure *procedure)
{
    gimp_procedure_add_core_object_array_return_value (procedure, "layers", "Layers",
                                                       "The new layers, top to bottom",
                                                       GIMP_TYPE_LAYER, G_PARAM_READWRITE);
}

void
genlayer_add_task_id_return_value (GimpProcedure *procedure)
{
    gimp_procedure_add_string_return_value (procedure, "task-id", "Task id", "The server's task id",
                                            "", G_PARAM_READWRITE);
}
