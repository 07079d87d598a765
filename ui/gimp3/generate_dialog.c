#include "generate_dialog.h"

#include "dialog_placement.h"
#include "error_dialog.h"
#include "gtk_compat.h"
#include "key_test_button.h"
#include "recent_prompts.h"

#include "cost_text.h"

#include <libgimp/gimpui.h>

typedef struct
{
    GtkWidget *dialog;
    GtkWidget *cost;
    GimpProcedureConfig *config;
    genlayer_client *client;
    gboolean needs_key;
} DialogState;

static gboolean
is_filled (GimpProcedureConfig *config, const gchar *property)
{
    gchar *text = NULL;
    gboolean filled;

    g_object_get (config, property, &text, NULL);
    filled = text && *text;
    g_free (text);
    return filled;
}

/* Generate needs a prompt, a model, and a key when none is configured. */
static void
update_generate_sensitivity (DialogState *state)
{
    gboolean ready = is_filled (state->config, "prompt") && is_filled (state->config, "model")
                     && (! state->needs_key || is_filled (state->config, "api-key"));

    gtk_dialog_set_response_sensitive (GTK_DIALOG (state->dialog), GTK_RESPONSE_OK, ready);
}

static void
update_cost (DialogState *state)
{
    gint n = 1;
    gchar *text;

    g_object_get (state->config, "n", &n, NULL);
    text = genlayer_cost_text (n);
    gtk_label_set_text (GTK_LABEL (state->cost), text);
    g_free (text);
}

static void
on_config_changed (GObject *config G_GNUC_UNUSED, GParamSpec *pspec G_GNUC_UNUSED,
                   DialogState *state)
{
    update_cost (state);
    update_generate_sensitivity (state);
}

/* Hands a typed key to the client; FALSE with the client's sentence when refused. */
static gboolean
apply_typed_key (DialogState *state, genlayer_client *client, gchar **error)
{
    gchar *key = NULL;
    gboolean remember = FALSE;
    gboolean applied = TRUE;

    if (! state->needs_key)
        return TRUE;
    g_object_get (state->config, "api-key", &key, "remember-key", &remember, NULL);
    if (genlayer_client_set_api_key (client, key, remember ? 1 : 0) != GENLAYER_OK)
    {
        *error = g_strdup (genlayer_client_message (client));
        applied = FALSE;
    }
    /* The key is never kept in the config, which GIMP stores as last values. */
    g_object_set (state->config, "api-key", "", NULL);
    g_free (key);
    return applied;
}

static gchar *
typed_key (gpointer data)
{
    DialogState *state = data;
    gchar *key = NULL;

    g_object_get (state->config, "api-key", &key, NULL);
    return key ? key : g_strdup ("");
}

/* The key field, Remember and Test in one row, and below it the label
 * where Test writes what it found. */
static void
add_key_rows (GimpProcedureDialog *dialog, DialogState *state, GList **rows)
{
    GtkWidget *key = gimp_procedure_dialog_get_widget (dialog, "api-key", GIMP_TYPE_LABEL_ENTRY);
    GtkWidget *answer = gimp_procedure_dialog_get_label (dialog, "key-check", "", FALSE, FALSE);
    GtkWidget *key_row;
    GtkWidget *test;

    /* A labelled entry: "API _key" is its mnemonic, as in GIMP 2.10. */
    gtk_entry_set_visibility (GTK_ENTRY (gimp_label_entry_get_entry (GIMP_LABEL_ENTRY (key))),
                              FALSE);
    key_row = gimp_procedure_dialog_fill_box (dialog, "key-row", "api-key", "remember-key", NULL);
    gtk_orientable_set_orientation (GTK_ORIENTABLE (key_row), GTK_ORIENTATION_HORIZONTAL);
    gtk_box_set_spacing (GTK_BOX (key_row), 6);
    test = genlayer_key_test_button_new (state->client, answer, typed_key, state);
    gtk_box_pack_start (GTK_BOX (key_row), test, FALSE, FALSE, 0);
    gtk_widget_show (test);

    gtk_widget_set_name (answer, "genlayer-key-check");
    genlayer_label_align_start (answer);
    gtk_label_set_line_wrap (GTK_LABEL (answer), TRUE);
    *rows = g_list_append (*rows, "key-row");
    *rows = g_list_append (*rows, "key-check");
}

static void
build (GimpProcedureDialog *dialog, DialogState *state)
{
    GtkWidget *prompt = gimp_procedure_dialog_get_widget (dialog, "prompt", GTK_TYPE_TEXT_VIEW);
    GtkWidget *prompt_label = gimp_procedure_dialog_get_label (
        dialog, "prompt-label", "_Describe the layer to generate:", FALSE, TRUE);
    GtkWidget *prompt_box;
    GList *rows = NULL;

    gtk_widget_set_name (prompt, "genlayer-prompt");
    gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (prompt), GTK_WRAP_WORD_CHAR);
    gtk_widget_set_size_request (prompt, 440, 110);
    gtk_label_set_mnemonic_widget (GTK_LABEL (prompt_label), prompt);
    genlayer_label_align_start (prompt_label);
    prompt_box = gimp_procedure_dialog_fill_box (dialog, "prompt-box", "prompt-label", "prompt",
                                                 NULL);
    gtk_box_pack_start (GTK_BOX (prompt_box),
                        genlayer_recent_prompts_new (
                            state->client, gtk_text_view_get_buffer (GTK_TEXT_VIEW (prompt))),
                        FALSE, FALSE, 0);
    state->cost = gimp_procedure_dialog_get_label (dialog, "cost", "", FALSE, FALSE);
    gtk_widget_set_name (state->cost, "genlayer-cost");
    genlayer_label_align_start (state->cost);

    for (const gchar *const *row = (const gchar *const[]){ "prompt-box", "size-menu",
                                                           "resolution-menu", "reference",
                                                           "extra-references", "n", "placement",
                                                           "model", NULL };
         *row; row++)
        rows = g_list_append (rows, (gpointer) *row);
    if (state->needs_key)
        add_key_rows (dialog, state, &rows);
    rows = g_list_append (rows, "mask");
    rows = g_list_append (rows, "cost");
    gimp_procedure_dialog_fill_list (dialog, rows);
    g_list_free (rows);
    gtk_widget_grab_focus (prompt);
}

gboolean
genlayer_generate_dialog_run (GimpProcedure *procedure, GimpProcedureConfig *config,
                              genlayer_client *client)
{
    GtkWidget *dialog = gimp_procedure_dialog_new (procedure, config, "Generate Layer");
    DialogState state = { dialog, NULL, config, client, genlayer_client_has_api_key (client) == 0 };
    gboolean generate = FALSE;
    gulong changed;

    gtk_widget_set_name (dialog, "genlayer-generate-dialog");
    gimp_procedure_dialog_set_ok_label (GIMP_PROCEDURE_DIALOG (dialog), "_Generate");
    genlayer_dialog_place (dialog);
    build (GIMP_PROCEDURE_DIALOG (dialog), &state);
    changed = g_signal_connect (config, "notify", G_CALLBACK (on_config_changed), &state);
    update_cost (&state);
    update_generate_sensitivity (&state);
    while (! generate && gimp_procedure_dialog_run (GIMP_PROCEDURE_DIALOG (dialog)))
    {
        gchar *error = NULL;

        generate = apply_typed_key (&state, client, &error);
        if (! generate)
        {
            genlayer_error_dialog_show (error);
            g_free (error);
        }
    }
    g_signal_handler_disconnect (config, changed);
    gtk_widget_destroy (dialog);
    return generate;
}
