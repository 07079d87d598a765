#include "recover_dialog.h"

#include "dialog_placement.h"
#include "gtk_compat.h"

#include <libgimp/gimp.h>
#include <libgimp/gimpui.h>

enum { COLUMN_CHOSEN, COLUMN_PROMPT, COLUMN_AGE, COLUMN_STAGE, COLUMN_EXPIRES, N_COLUMNS };

/* "3 min ago", "2 h ago" …: how long ago `then` was at `now` (unix seconds). */
static gchar *
age_text (gint64 then, gint64 now)
{
    const gint64 seconds = MAX (now - then, 0);

    if (seconds < 60)
        return g_strdup_printf ("%" G_GINT64_FORMAT " s ago", seconds);
    if (seconds < 3600)
        return g_strdup_printf ("%" G_GINT64_FORMAT " min ago", seconds / 60);
    if (seconds < G_GINT64_CONSTANT (48) * 3600)
        return g_strdup_printf ("%" G_GINT64_FORMAT " h ago", seconds / 3600);
    return g_strdup_printf ("%" G_GINT64_FORMAT " days ago", seconds / 86400);
}

/* When the server forgets the result, as a time of day; "" if unknown. */
static gchar *
expiry_text (gint64 expires_at)
{
    GDateTime *when;
    gchar *text;

    if (expires_at <= 0)
        return g_strdup ("");
    when = g_date_time_new_from_unix_local (expires_at);
    text = g_date_time_format (when, "%H:%M");
    g_date_time_unref (when);
    return text;
}

static GtkListStore *
store_of (const GPtrArray *jobs)
{
    GtkListStore *store = gtk_list_store_new (N_COLUMNS, G_TYPE_BOOLEAN, G_TYPE_STRING,
                                              G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);
    const gint64 now = g_get_real_time () / G_USEC_PER_SEC;

    for (guint i = 0; i < jobs->len; i++)
    {
        const GenlayerJournaledJob *job = jobs->pdata[i];
        GtkTreeIter iter;
        gchar *age = age_text (job->created_at, now);
        gchar *expires = expiry_text (job->expires_at);

        gtk_list_store_append (store, &iter);
        gtk_list_store_set (store, &iter, COLUMN_CHOSEN, TRUE, COLUMN_PROMPT, job->prompt,
                            COLUMN_AGE, age, COLUMN_STAGE, job->stage, COLUMN_EXPIRES, expires, -1);
        g_free (expires);
        g_free (age);
    }
    return store;
}

static void
toggle_row (GtkCellRendererToggle *renderer, gchar *path, gpointer data)
{
    GtkTreeModel *model = data;
    GtkTreeIter iter;
    gboolean chosen;

    (void) renderer;
    if (! gtk_tree_model_get_iter_from_string (model, &iter, path))
        return;
    gtk_tree_model_get (model, &iter, COLUMN_CHOSEN, &chosen, -1);
    gtk_list_store_set (GTK_LIST_STORE (model), &iter, COLUMN_CHOSEN, ! chosen, -1);
}

static void
add_text_column (GtkWidget *view, const gchar *title, gint column)
{
    gtk_tree_view_append_column (GTK_TREE_VIEW (view),
                                 gtk_tree_view_column_new_with_attributes (
                                     title, gtk_cell_renderer_text_new (), "text", column, NULL));
}

static GtkWidget *
view_of (GtkListStore *store)
{
    GtkWidget *view = gtk_tree_view_new_with_model (GTK_TREE_MODEL (store));
    GtkCellRenderer *toggle = gtk_cell_renderer_toggle_new ();

    gtk_widget_set_name (view, "genlayer-recover-list");
    g_signal_connect (toggle, "toggled", G_CALLBACK (toggle_row), store);
    gtk_tree_view_append_column (
        GTK_TREE_VIEW (view),
        gtk_tree_view_column_new_with_attributes ("Import", toggle, "active", COLUMN_CHOSEN, NULL));
    add_text_column (view, "Prompt", COLUMN_PROMPT);
    add_text_column (view, "Started", COLUMN_AGE);
    add_text_column (view, "State", COLUMN_STAGE);
    add_text_column (view, "Expires", COLUMN_EXPIRES);
    return view;
}

gboolean
genlayer_recover_dialog_run (const GPtrArray *jobs, gboolean *chosen)
{
    GtkWidget *dialog = gimp_dialog_new ("Recover Generations", "genlayer-recover", NULL, 0, NULL,
                                         NULL, "_Cancel", GTK_RESPONSE_CANCEL, "_Import",
                                         GTK_RESPONSE_OK, NULL);
    genlayer_dialog_place (dialog);
    GtkListStore *store = store_of (jobs);
    GtkWidget *scrolled = gtk_scrolled_window_new (NULL, NULL);
    GtkWidget *note = gtk_label_new ("These generations were paid for but never reached an "
                                     "image. Each goes back into its image if it is open, "
                                     "else into a new image.");
    GtkWidget *content = genlayer_box_new (GTK_ORIENTATION_VERTICAL, 12);
    gboolean accepted;

    gtk_widget_set_name (dialog, "genlayer-recover-dialog");
    gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
    gtk_label_set_line_wrap (GTK_LABEL (note), TRUE);
    genlayer_label_align_start (note);
    gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_AUTOMATIC,
                                    GTK_POLICY_AUTOMATIC);
    gtk_widget_set_size_request (scrolled, 520, 220);
    gtk_container_add (GTK_CONTAINER (scrolled), view_of (store));
    gtk_container_set_border_width (GTK_CONTAINER (content), 12);
    gtk_box_pack_start (GTK_BOX (content), note, FALSE, FALSE, 0);
    gtk_box_pack_start (GTK_BOX (content), scrolled, TRUE, TRUE, 0);
    gtk_box_pack_start (GTK_BOX (gtk_dialog_get_content_area (GTK_DIALOG (dialog))), content, TRUE,
                        TRUE, 0);
    gtk_widget_show_all (content);

    accepted = gimp_dialog_run (GIMP_DIALOG (dialog)) == GTK_RESPONSE_OK;
    if (accepted)
    {
        GtkTreeIter iter;
        gboolean more = gtk_tree_model_get_iter_first (GTK_TREE_MODEL (store), &iter);

        for (guint i = 0; i < jobs->len && more; i++)
        {
            gtk_tree_model_get (GTK_TREE_MODEL (store), &iter, COLUMN_CHOSEN, &chosen[i], -1);
            more = gtk_tree_model_iter_next (GTK_TREE_MODEL (store), &iter);
        }
    }
    g_object_unref (store);
    gtk_widget_destroy (dialog);
    return accepted;
}
