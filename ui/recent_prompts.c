#include "recent_prompts.h"

#include "gtk_compat.h"
#include "history_items.h"

/* Longer prompts are cut in the menu, not in the field. */
#define MENU_CHARS 60

typedef struct
{
    GPtrArray *prompts; /* the menu's rows after the first, in order */
    GtkTextBuffer *prompt;
} RecentPrompts;

static void
recent_prompts_free (RecentPrompts *recent)
{
    g_ptr_array_unref (recent->prompts);
    g_free (recent);
}

static gchar *
menu_text (const gchar *prompt)
{
    gchar *start = g_utf8_substring (prompt, 0, MENU_CHARS);
    gchar *line = g_strdelimit (start, "\r\n\t", ' ');
    gchar *text = g_strconcat (line, g_utf8_strlen (prompt, -1) > MENU_CHARS ? "…" : "", NULL);

    g_free (start);
    return text;
}

/* The first row names the menu; any other puts its prompt in the field. */
static void
on_changed (GtkComboBox *menu, RecentPrompts *recent)
{
    const gint row = gtk_combo_box_get_active (menu);

    if (row > 0)
        gtk_text_buffer_set_text (recent->prompt, recent->prompts->pdata[row - 1], -1);
}

GtkWidget *
genlayer_recent_prompts_new (genlayer_client *client, GtkTextBuffer *prompt)
{
    RecentPrompts *recent = g_new0 (RecentPrompts, 1);
    GtkWidget *row = genlayer_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
    GtkWidget *label = gtk_label_new_with_mnemonic ("Rece_nt prompts:");
    GtkWidget *menu = gtk_combo_box_text_new ();

    recent->prompts = genlayer_history_recent_prompts (client, GENLAYER_RECENT_PROMPTS);
    recent->prompt = prompt;
    gtk_widget_set_name (menu, "genlayer-recent-prompts");
    gtk_combo_box_text_append_text (GTK_COMBO_BOX_TEXT (menu), recent->prompts->len > 0
                                                                   ? "Choose one to use it again"
                                                                   : "None yet");
    for (guint i = 0; i < recent->prompts->len; i++)
    {
        gchar *text = menu_text (recent->prompts->pdata[i]);

        gtk_combo_box_text_append_text (GTK_COMBO_BOX_TEXT (menu), text);
        g_free (text);
    }
    gtk_combo_box_set_active (GTK_COMBO_BOX (menu), 0);
    gtk_widget_set_sensitive (row, recent->prompts->len > 0);
    g_signal_connect_data (menu, "changed", G_CALLBACK (on_changed), recent,
                           (GClosureNotify) (void (*) (void)) recent_prompts_free, 0);
    gtk_label_set_mnemonic_widget (GTK_LABEL (label), menu);
    gtk_box_pack_start (GTK_BOX (row), label, FALSE, FALSE, 0);
    gtk_box_pack_start (GTK_BOX (row), menu, TRUE, TRUE, 0);
    gtk_widget_show_all (row);
    return row;
}
