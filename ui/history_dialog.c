#include "history_dialog.h"

#include "dialog_placement.h"
#include "gtk_compat.h"

#include <libgimp/gimp.h>
#include <libgimp/gimpui.h>

/* A grid of more would take seconds to fill; a search finds the older ones. */
#define SHOWN_ENTRIES 200
#define THUMBNAIL_PX 128
#define PROMPT_CHARS 40

enum { RESPONSE_USE_SETTINGS = 1 };
enum { COLUMN_THUMBNAIL, COLUMN_CAPTION, COLUMN_ITEM, N_COLUMNS };

typedef struct
{
    genlayer_client *client;
    GtkWidget *dialog;
    GtkWidget *grid;
    GtkWidget *search;
    GtkWidget *empty;
    GtkListStore *store;
    GPtrArray *items;       /* what the grid shows, GenlayerHistoryItem */
    GHashTable *thumbnails; /* entry id -> GdkPixbuf, loaded once a dialog */
} DialogState;

/* "a lighthouse at du…\n1024×1536": the prompt's start and the size. */
static gchar *
caption_of (const GenlayerHistoryItem *item)
{
    const gboolean long_prompt = g_utf8_strlen (item->prompt, -1) > PROMPT_CHARS;
    gchar *start = g_utf8_substring (item->prompt, 0, PROMPT_CHARS);
    gchar *caption = g_strdup_printf ("%s%s\n%d×%d", start, long_prompt ? "…" : "", item->width,
                                      item->height);

    g_free (start);
    return caption;
}

static GdkPixbuf *
thumbnail_of (DialogState *state, const GenlayerHistoryItem *item)
{
    GdkPixbuf *thumbnail = g_hash_table_lookup (state->thumbnails, item->id);

    if (! thumbnail)
    {
        /* A missing thumbnail leaves a blank cell; the entry is still there. */
        thumbnail = gdk_pixbuf_new_from_file_at_size (item->thumbnail, THUMBNAIL_PX, THUMBNAIL_PX,
                                                      NULL);
        if (thumbnail)
            g_hash_table_insert (state->thumbnails, g_strdup (item->id), thumbnail);
    }
    return thumbnail;
}

static const GenlayerHistoryItem *
selected_item (DialogState *state)
{
    GList *selected = gtk_icon_view_get_selected_items (GTK_ICON_VIEW (state->grid));
    const GenlayerHistoryItem *item = NULL;
    GtkTreeIter iter;

    if (selected && gtk_tree_model_get_iter (GTK_TREE_MODEL (state->store), &iter, selected->data))
        gtk_tree_model_get (GTK_TREE_MODEL (state->store), &iter, COLUMN_ITEM, &item, -1);
    g_list_free_full (selected, (GDestroyNotify) gtk_tree_path_free);
    return item;
}

static void
on_selection_changed (GtkIconView *grid G_GNUC_UNUSED, DialogState *state)
{
    const gboolean chosen = selected_item (state) != NULL;

    gtk_dialog_set_response_sensitive (GTK_DIALOG (state->dialog), GTK_RESPONSE_OK, chosen);
    gtk_dialog_set_response_sensitive (GTK_DIALOG (state->dialog), RESPONSE_USE_SETTINGS, chosen);
}

/* The grid shows the entries matching `search`, the newest chosen. */
static void
fill (DialogState *state, const gchar *search)
{
    GtkTreePath *first = gtk_tree_path_new_first ();

    gtk_list_store_clear (state->store);
    g_ptr_array_unref (state->items);
    state->items = genlayer_history_items_list (state->client, search, SHOWN_ENTRIES);
    for (guint i = 0; i < state->items->len; i++)
    {
        const GenlayerHistoryItem *item = state->items->pdata[i];
        gchar *caption = caption_of (item);
        GtkTreeIter iter;

        gtk_list_store_append (state->store, &iter);
        gtk_list_store_set (state->store, &iter, COLUMN_THUMBNAIL, thumbnail_of (state, item),
                            COLUMN_CAPTION, caption, COLUMN_ITEM, item, -1);
        g_free (caption);
    }
    gtk_label_set_text (GTK_LABEL (state->empty),
                        state->items->len > 0 ? ""
                        : search && *search
                            ? "No image of the history has a prompt with these words."
                            : "The history is empty: every generated image is kept here.");
    if (state->items->len > 0)
        gtk_icon_view_select_path (GTK_ICON_VIEW (state->grid), first);
    gtk_tree_path_free (first);
    on_selection_changed (NULL, state);
}

static void
on_search_changed (GtkEntry *search, DialogState *state)
{
    fill (state, gtk_entry_get_text (search));
}

static void
on_item_activated (GtkIconView *grid G_GNUC_UNUSED, GtkTreePath *path G_GNUC_UNUSED,
                   DialogState *state)
{
    gtk_dialog_response (GTK_DIALOG (state->dialog), GTK_RESPONSE_OK);
}

static GtkWidget *
grid_new (DialogState *state)
{
    GtkWidget *grid = gtk_icon_view_new_with_model (GTK_TREE_MODEL (state->store));

    gtk_widget_set_name (grid, "genlayer-history-grid");
    gtk_icon_view_set_pixbuf_column (GTK_ICON_VIEW (grid), COLUMN_THUMBNAIL);
    gtk_icon_view_set_text_column (GTK_ICON_VIEW (grid), COLUMN_CAPTION);
    gtk_icon_view_set_item_width (GTK_ICON_VIEW (grid), THUMBNAIL_PX + 16);
    gtk_icon_view_set_selection_mode (GTK_ICON_VIEW (grid), GTK_SELECTION_SINGLE);
    g_signal_connect (grid, "selection-changed", G_CALLBACK (on_selection_changed), state);
    g_signal_connect (grid, "item-activated", G_CALLBACK (on_item_activated), state);
    return grid;
}

/* "Search prompts:" and its entry. */
static GtkWidget *
search_row_new (DialogState *state)
{
    GtkWidget *row = genlayer_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
    GtkWidget *label = gtk_label_new_with_mnemonic ("Sea_rch prompts:");
    GtkWidget *search = gtk_entry_new ();

    state->search = search;
    gtk_widget_set_name (search, "genlayer-history-search");
    gtk_label_set_mnemonic_widget (GTK_LABEL (label), search);
    g_signal_connect (search, "changed", G_CALLBACK (on_search_changed), state);
    gtk_box_pack_start (GTK_BOX (row), label, FALSE, FALSE, 0);
    gtk_box_pack_start (GTK_BOX (row), search, TRUE, TRUE, 0);
    return row;
}

static void
build (DialogState *state)
{
    GtkWidget *content = genlayer_box_new (GTK_ORIENTATION_VERTICAL, 12);
    GtkWidget *scrolled = gtk_scrolled_window_new (NULL, NULL);
    GtkWidget *search_row = search_row_new (state);

    state->grid = grid_new (state);
    state->empty = gtk_label_new ("");
    genlayer_label_align_start (state->empty);
    gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                    GTK_POLICY_AUTOMATIC);
    gtk_widget_set_size_request (scrolled, 640, 420);
    gtk_container_add (GTK_CONTAINER (scrolled), state->grid);
    gtk_container_set_border_width (GTK_CONTAINER (content), 12);
    gtk_box_pack_start (GTK_BOX (content), search_row, FALSE, FALSE, 0);
    gtk_box_pack_start (GTK_BOX (content), scrolled, TRUE, TRUE, 0);
    gtk_box_pack_start (GTK_BOX (content), state->empty, FALSE, FALSE, 0);
    gtk_box_pack_start (GTK_BOX (gtk_dialog_get_content_area (GTK_DIALOG (state->dialog))), content,
                        TRUE, TRUE, 0);
    gtk_widget_show_all (content);
    /* Typing searches at once. */
    gtk_widget_grab_focus (state->search);
}

GenlayerHistoryChoice
genlayer_history_dialog_run (genlayer_client *client, GenlayerHistoryItem **chosen)
{
    DialogState state = {
        .client = client,
        .dialog = gimp_dialog_new ("Generation History", "genlayer-history", NULL, 0, NULL, NULL,
                                   "_Close", GTK_RESPONSE_CLOSE, "Use these _settings",
                                   RESPONSE_USE_SETTINGS, "_Insert", GTK_RESPONSE_OK, NULL),
        .store = gtk_list_store_new (N_COLUMNS, GDK_TYPE_PIXBUF, G_TYPE_STRING, G_TYPE_POINTER),
        .items = g_ptr_array_new (),
        .thumbnails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref),
    };
    GenlayerHistoryChoice choice = GENLAYER_HISTORY_CLOSED;
    const GenlayerHistoryItem *item;

    gtk_widget_set_name (state.dialog, "genlayer-history-dialog");
    gtk_dialog_set_default_response (GTK_DIALOG (state.dialog), GTK_RESPONSE_OK);
    genlayer_dialog_place (state.dialog);
    build (&state);
    fill (&state, NULL);

    switch (gimp_dialog_run (GIMP_DIALOG (state.dialog)))
    {
    case GTK_RESPONSE_OK:
        choice = GENLAYER_HISTORY_INSERT;
        break;
    case RESPONSE_USE_SETTINGS:
        choice = GENLAYER_HISTORY_USE_SETTINGS;
        break;
    default:
        break;
    }
    item = selected_item (&state);
    if (choice != GENLAYER_HISTORY_CLOSED && item)
        *chosen = genlayer_history_item_copy (item);
    else
        choice = GENLAYER_HISTORY_CLOSED;
    gtk_widget_destroy (state.dialog);
    g_object_unref (state.store);
    g_ptr_array_unref (state.items);
    g_hash_table_unref (state.thumbnails);
    return choice;
}
