#include "dialog_placement.h"
#include "error_dialog.h"
#include "generate_dialog_internal.h"
#include "gtk_compat.h"
#include "key_test_button.h"
#include "recent_prompts.h"

#include "cost_text.h"
#include "plugin_values.h"
#include "procedure_documentation.h"
#include "size_choices.h"

#include <libgimp/gimp.h>
#include <libgimp/gimpui.h>

#define STATE_KEY "genlayer-generate-dialog-state"

/* The widgets the dialog reads back, kept on the dialog object. */
typedef struct
{
    genlayer_client *client;
    GtkTextBuffer *prompt;
    GtkWidget *size;
    GtkWidget *resolution;
    GtkWidget *reference;
    GtkWidget *extra_references;
    GtkWidget *variations;
    GtkWidget *placement;
    GtkWidget *mask;
    GtkWidget *model;
    GtkWidget *api_key;      /* NULL when the client already has a key */
    GtkWidget *remember_key; /* NULL with api_key */
    GtkWidget *key_check;    /* what the Test button found; NULL with api_key */
    GtkWidget *cost;
    GtkWidget *generate;
} DialogState;

static DialogState *
dialog_state (GtkWidget *dialog)
{
    return g_object_get_data (G_OBJECT (dialog), STATE_KEY);
}

static gchar *
prompt_text (GtkTextBuffer *buffer)
{
    GtkTextIter start, end;
    gtk_text_buffer_get_bounds (buffer, &start, &end);
    return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Generate needs a prompt, a model, and a key when none is configured. */
static void
update_generate_sensitivity (DialogState *state)
{
    gboolean ready = gtk_text_buffer_get_char_count (state->prompt) > 0
                     && gtk_entry_get_text_length (GTK_ENTRY (state->model)) > 0;
    if (state->api_key != NULL)
        ready = ready && gtk_entry_get_text_length (GTK_ENTRY (state->api_key)) > 0;
    gtk_widget_set_sensitive (state->generate, ready);
}

static void
update_cost (DialogState *state)
{
    gint n = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (state->variations));
    gchar *text = genlayer_cost_text (n);
    gtk_label_set_text (GTK_LABEL (state->cost), text);
    g_free (text);
}

static void
on_input_changed (gpointer instance G_GNUC_UNUSED, DialogState *state)
{
    update_generate_sensitivity (state);
}

static void
on_variations_changed (GtkSpinButton *spin G_GNUC_UNUSED, DialogState *state)
{
    update_cost (state);
}

/* Appends the files picked in a file chooser to the ';'-separated entry. */
static void
on_browse_references (GtkButton *button, GtkEntry *entry)
{
    GtkWidget *chooser = gtk_file_chooser_dialog_new (
        "Extra Reference Images", GTK_WINDOW (gtk_widget_get_toplevel (GTK_WIDGET (button))),
        GTK_FILE_CHOOSER_ACTION_OPEN, GTK_STOCK_CANCEL, GTK_RESPONSE_CANCEL, GTK_STOCK_OPEN,
        GTK_RESPONSE_ACCEPT, NULL);
    gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
    GtkFileFilter *images = gtk_file_filter_new ();
    gtk_file_filter_set_name (images, "Images (PNG, JPEG, WebP, GIF)");
    gtk_file_filter_add_mime_type (images, "image/png");
    gtk_file_filter_add_mime_type (images, "image/jpeg");
    gtk_file_filter_add_mime_type (images, "image/webp");
    gtk_file_filter_add_mime_type (images, "image/gif");
    gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), images);

    if (gtk_dialog_run (GTK_DIALOG (chooser)) == GTK_RESPONSE_ACCEPT)
    {
        GString *joined = g_string_new (gtk_entry_get_text (entry));
        GSList *files = gtk_file_chooser_get_filenames (GTK_FILE_CHOOSER (chooser));
        for (GSList *file = files; file != NULL; file = file->next)
        {
            if (joined->len > 0)
                g_string_append_c (joined, ';');
            g_string_append (joined, file->data);
        }
        g_slist_free_full (files, g_free);
        gtk_entry_set_text (entry, joined->str);
        g_string_free (joined, TRUE);
    }
    gtk_widget_destroy (chooser);
}

/* A text combo offering `choices`, showing `current` (or the first choice
 * when `current` is not among them). */
static GtkWidget *
text_combo_new (const gchar *name, gchar **choices, const gchar *current)
{
    GtkWidget *combo = gtk_combo_box_text_new ();
    gtk_widget_set_name (combo, name);
    gint active = 0;
    for (gint i = 0; choices[i] != NULL; i++)
    {
        gtk_combo_box_text_append_text (GTK_COMBO_BOX_TEXT (combo), choices[i]);
        if (g_strcmp0 (choices[i], current) == 0)
            active = i;
    }
    gtk_combo_box_set_active (GTK_COMBO_BOX (combo), active);
    return combo;
}

/* An int combo of the choices, showing `current`. */
static GtkWidget *
choice_combo_new (const gchar *name, const GenlayerChoice *choices, gsize count, gint current)
{
    GtkWidget *combo = g_object_new (GIMP_TYPE_INT_COMBO_BOX, NULL);
    gtk_widget_set_name (combo, name);
    for (gsize i = 0; i < count; i++)
        gimp_int_combo_box_append (GIMP_INT_COMBO_BOX (combo), GIMP_INT_STORE_VALUE,
                                   choices[i].value, GIMP_INT_STORE_LABEL, choices[i].label, -1);
    gimp_int_combo_box_set_active (GIMP_INT_COMBO_BOX (combo), current);
    return combo;
}

static GtkWidget *
entry_new (const gchar *name, const gchar *text)
{
    GtkWidget *entry = gtk_entry_new ();
    gtk_widget_set_name (entry, name);
    gtk_entry_set_text (GTK_ENTRY (entry), text);
    gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
    return entry;
}

static GtkWidget *
prompt_view_new (DialogState *state, const gchar *text)
{
    GtkWidget *view = gtk_text_view_new ();
    gtk_widget_set_name (view, "genlayer-prompt");
    gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
    gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 4);
    gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 4);
    state->prompt = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
    gtk_text_buffer_set_text (state->prompt, text, -1);

    GtkWidget *scrolled = gtk_scrolled_window_new (NULL, NULL);
    gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_AUTOMATIC,
                                    GTK_POLICY_AUTOMATIC);
    gtk_scrolled_window_set_shadow_type (GTK_SCROLLED_WINDOW (scrolled), GTK_SHADOW_IN);
    gtk_widget_set_size_request (scrolled, 440, 110);
    gtk_container_add (GTK_CONTAINER (scrolled), view);
    return scrolled;
}

static GtkWidget *
extra_references_row_new (DialogState *state, const gchar *text)
{
    state->extra_references = entry_new ("genlayer-extra-references", text);
    gtk_widget_set_tooltip_text (state->extra_references, GENLAYER_EXTRA_REFERENCES_BLURB);
    GtkWidget *browse = gtk_button_new_with_mnemonic ("_Browse…");
    gtk_widget_set_name (browse, "genlayer-extra-references-browse");
    g_signal_connect (browse, "clicked", G_CALLBACK (on_browse_references),
                      state->extra_references);

    GtkWidget *row = gtk_hbox_new (FALSE, 6);
    gtk_box_pack_start (GTK_BOX (row), state->extra_references, TRUE, TRUE, 0);
    gtk_box_pack_start (GTK_BOX (row), browse, FALSE, FALSE, 0);
    return row;
}

static gchar *
typed_key (gpointer data)
{
    DialogState *state = data;
    return g_strdup (gtk_entry_get_text (GTK_ENTRY (state->api_key)));
}

static GtkWidget *
api_key_row_new (DialogState *state)
{
    state->api_key = entry_new ("genlayer-api-key", "");
    gtk_entry_set_visibility (GTK_ENTRY (state->api_key), FALSE);
    gtk_widget_set_tooltip_text (state->api_key, GENLAYER_API_KEY_TOOLTIP);
    g_signal_connect (state->api_key, "changed", G_CALLBACK (on_input_changed), state);

    state->remember_key = gtk_check_button_new_with_mnemonic ("R_emember");
    gtk_widget_set_name (state->remember_key, "genlayer-remember-key");
    gtk_widget_set_tooltip_text (state->remember_key, GENLAYER_REMEMBER_KEY_TOOLTIP);

    state->key_check = gtk_label_new (NULL);
    gtk_widget_set_name (state->key_check, "genlayer-key-check");
    genlayer_label_align_start (state->key_check);
    gtk_label_set_line_wrap (GTK_LABEL (state->key_check), TRUE);
    gtk_widget_set_size_request (state->key_check, 300, -1);

    GtkWidget *row = gtk_hbox_new (FALSE, 6);
    gtk_box_pack_start (GTK_BOX (row), state->api_key, TRUE, TRUE, 0);
    gtk_box_pack_start (GTK_BOX (row), state->remember_key, FALSE, FALSE, 0);
    gtk_box_pack_start (
        GTK_BOX (row),
        genlayer_key_test_button_new (state->client, state->key_check, typed_key, state), FALSE,
        FALSE, 0);
    return row;
}

/* The labelled settings below the prompt, one row each. */
static GtkWidget *
settings_table_new (DialogState *state, const GenlayerPluginValues *values)
{
    gchar **sizes = NULL;
    gchar **resolutions = NULL;
    genlayer_size_choices_parse (genlayer_size_table_json (), &sizes, &resolutions);
    state->size = text_combo_new ("genlayer-size", sizes, values->size);
    state->resolution = text_combo_new ("genlayer-resolution", resolutions, values->resolution);
    g_strfreev (sizes);
    g_strfreev (resolutions);

    state->reference = choice_combo_new ("genlayer-reference", genlayer_reference_choices,
                                         G_N_ELEMENTS (genlayer_reference_choices),
                                         values->reference);

    state->variations = gtk_spin_button_new_with_range (genlayer_plugin_limits ().min_images,
                                                        genlayer_plugin_limits ().max_images, 1);
    gtk_widget_set_name (state->variations, "genlayer-variations");
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (state->variations), values->n);
    g_signal_connect (state->variations, "value-changed", G_CALLBACK (on_variations_changed),
                      state);

    state->placement = choice_combo_new ("genlayer-placement", genlayer_placement_choices,
                                         G_N_ELEMENTS (genlayer_placement_choices),
                                         values->placement);

    state->model = entry_new ("genlayer-model", values->model);
    g_signal_connect (state->model, "changed", G_CALLBACK (on_input_changed), state);

    state->mask = gtk_check_button_new_with_mnemonic ("Add layer _mask from selection");
    gtk_widget_set_name (state->mask, "genlayer-mask");
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (state->mask), values->mask);

    GtkWidget *table = gtk_table_new (10, 2, FALSE);
    gtk_table_set_row_spacings (GTK_TABLE (table), 6);
    gtk_table_set_col_spacings (GTK_TABLE (table), 12);
    gint row = 0;
    gimp_table_attach_aligned (GTK_TABLE (table), 0, row++, "_Size:", 0.0f, 0.5f, state->size, 1,
                               FALSE);
    gimp_table_attach_aligned (GTK_TABLE (table), 0, row++, "_Resolution:", 0.0f, 0.5f,
                               state->resolution, 1, FALSE);
    gimp_table_attach_aligned (GTK_TABLE (table), 0, row++, "Re_ference:", 0.0f, 0.5f,
                               state->reference, 1, FALSE);
    gimp_table_attach_aligned (GTK_TABLE (table), 0, row++, "E_xtra references:", 0.0f, 0.5f,
                               extra_references_row_new (state, values->extra_references), 1,
                               FALSE);
    gimp_table_attach_aligned (GTK_TABLE (table), 0, row++, "_Variations:", 0.0f, 0.5f,
                               state->variations, 1, TRUE);
    gimp_table_attach_aligned (GTK_TABLE (table), 0, row++, "_Placement:", 0.0f, 0.5f,
                               state->placement, 1, FALSE);
    gimp_table_attach_aligned (GTK_TABLE (table), 0, row++, "M_odel:", 0.0f, 0.5f, state->model, 1,
                               FALSE);
    if (genlayer_client_has_api_key (state->client) == 0)
    {
        gimp_table_attach_aligned (GTK_TABLE (table), 0, row++, "API _key:", 0.0f, 0.5f,
                                   api_key_row_new (state), 1, FALSE);
        gtk_table_attach (GTK_TABLE (table), state->key_check, 1, 2, row, row + 1, GTK_FILL,
                          GTK_FILL, 0, 0);
        row++;
    }
    gtk_table_attach (GTK_TABLE (table), state->mask, 1, 2, row, row + 1, GTK_FILL, GTK_FILL, 0, 0);
    return table;
}

GtkWidget *
genlayer_generate_dialog_new (const GenlayerPluginValues *values, genlayer_client *client)
{
    DialogState *state = g_new0 (DialogState, 1);
    state->client = client;

    GtkWidget *dialog = gimp_dialog_new ("Generate Layer", "genlayer-generate", NULL, 0, NULL, NULL,
                                         "_Cancel", GTK_RESPONSE_CANCEL, "_Generate",
                                         GTK_RESPONSE_OK, NULL);
    gtk_widget_set_name (dialog, "genlayer-generate-dialog");
    genlayer_dialog_place (dialog);
    g_object_set_data_full (G_OBJECT (dialog), STATE_KEY, state, g_free);
    gtk_dialog_set_alternative_button_order (GTK_DIALOG (dialog), GTK_RESPONSE_OK,
                                             GTK_RESPONSE_CANCEL, -1);
    gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
    state->generate = gtk_dialog_get_widget_for_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
    gtk_widget_set_name (state->generate, "genlayer-generate");

    GtkWidget *prompt_label = gtk_label_new_with_mnemonic ("_Describe the layer to generate:");
    genlayer_label_align_start (prompt_label);
    GtkWidget *prompt = prompt_view_new (state, values->prompt);
    gtk_label_set_mnemonic_widget (GTK_LABEL (prompt_label), gtk_bin_get_child (GTK_BIN (prompt)));

    state->cost = gtk_label_new (NULL);
    gtk_widget_set_name (state->cost, "genlayer-cost");
    genlayer_label_align_start (state->cost);

    GtkWidget *content = gtk_vbox_new (FALSE, 12);
    gtk_container_set_border_width (GTK_CONTAINER (content), 12);
    GtkWidget *prompt_box = gtk_vbox_new (FALSE, 6);
    gtk_box_pack_start (GTK_BOX (prompt_box), prompt_label, FALSE, FALSE, 0);
    gtk_box_pack_start (GTK_BOX (prompt_box), prompt, TRUE, TRUE, 0);
    gtk_box_pack_start (GTK_BOX (prompt_box), genlayer_recent_prompts_new (client, state->prompt),
                        FALSE, FALSE, 0);
    gtk_box_pack_start (GTK_BOX (content), prompt_box, TRUE, TRUE, 0);
    gtk_box_pack_start (GTK_BOX (content), settings_table_new (state, values), FALSE, FALSE, 0);
    gtk_box_pack_start (GTK_BOX (content), state->cost, FALSE, FALSE, 0);
    gtk_box_pack_start (GTK_BOX (gtk_dialog_get_content_area (GTK_DIALOG (dialog))), content, TRUE,
                        TRUE, 0);
    gtk_widget_show_all (content);

    g_signal_connect (state->prompt, "changed", G_CALLBACK (on_input_changed), state);
    update_cost (state);
    update_generate_sensitivity (state);
    gtk_widget_grab_focus (gtk_bin_get_child (GTK_BIN (prompt)));
    return dialog;
}

/* Hands a typed key to the client; FALSE with the client's sentence when refused. */
static gboolean
apply_typed_key (DialogState *state, gchar **error)
{
    if (state->api_key == NULL || gtk_entry_get_text_length (GTK_ENTRY (state->api_key)) == 0)
        return TRUE;
    gboolean remember = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (state->remember_key));
    if (genlayer_client_set_api_key (state->client, gtk_entry_get_text (GTK_ENTRY (state->api_key)),
                                     remember ? 1 : 0)
        == GENLAYER_OK)
        return TRUE;
    *error = g_strdup (genlayer_client_message (state->client));
    return FALSE;
}

static void
replace_string (gchar **field, gchar *owned_text)
{
    g_free (*field);
    *field = owned_text;
}

gboolean
genlayer_generate_dialog_accept (GtkWidget *dialog, GenlayerPluginValues *values, gchar **error)
{
    DialogState *state = dialog_state (dialog);
    if (! apply_typed_key (state, error))
        return FALSE;

    replace_string (&values->prompt, prompt_text (state->prompt));
    replace_string (&values->size,
                    gtk_combo_box_text_get_active_text (GTK_COMBO_BOX_TEXT (state->size)));
    replace_string (&values->resolution,
                    gtk_combo_box_text_get_active_text (GTK_COMBO_BOX_TEXT (state->resolution)));
    gimp_int_combo_box_get_active (GIMP_INT_COMBO_BOX (state->reference), &values->reference);
    replace_string (&values->extra_references,
                    g_strdup (gtk_entry_get_text (GTK_ENTRY (state->extra_references))));
    values->n = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (state->variations));
    gimp_int_combo_box_get_active (GIMP_INT_COMBO_BOX (state->placement), &values->placement);
    values->mask = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (state->mask));
    replace_string (&values->model, g_strdup (gtk_entry_get_text (GTK_ENTRY (state->model))));
    return TRUE;
}

gboolean
genlayer_generate_dialog_run (GenlayerPluginValues *values, genlayer_client *client)
{
    GtkWidget *dialog = genlayer_generate_dialog_new (values, client);
    gboolean generate = FALSE;
    while (! generate && gimp_dialog_run (GIMP_DIALOG (dialog)) == GTK_RESPONSE_OK)
    {
        gchar *error = NULL;
        generate = genlayer_generate_dialog_accept (dialog, values, &error);
        if (! generate)
        {
            genlayer_error_dialog_show (error);
            g_free (error);
        }
    }
    gtk_widget_destroy (dialog);
    return generate;
}
