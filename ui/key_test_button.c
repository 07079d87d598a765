#include "key_test_button.h"

/* How often the answer is looked for: often enough to feel immediate. */
#define CHECK_POLL_INTERVAL_MS 50

typedef struct
{
    genlayer_client *client;
    GtkWidget *button;
    GtkWidget *result;
    GenlayerTypedKey typed_key;
    gpointer dialog_state;
    genlayer_check *check; /* NULL when none is running */
    guint poll_source;
} KeyTest;

static gboolean
on_poll (gpointer data)
{
    KeyTest *test = data;

    if (! genlayer_check_is_done (test->check))
        return G_SOURCE_CONTINUE;
    gtk_label_set_text (GTK_LABEL (test->result), genlayer_check_report (test->check));
    genlayer_check_destroy (test->check);
    test->check = NULL;
    test->poll_source = 0;
    gtk_widget_set_sensitive (test->button, TRUE);
    return G_SOURCE_REMOVE;
}

static void
on_clicked (GtkButton *button G_GNUC_UNUSED, KeyTest *test)
{
    gchar *key = test->typed_key (test->dialog_state);

    if (genlayer_check_start (test->client, key, &test->check) == GENLAYER_OK)
    {
        gtk_label_set_text (GTK_LABEL (test->result), "Checking the gateway and the key…");
        gtk_widget_set_sensitive (test->button, FALSE);
        test->poll_source = g_timeout_add (CHECK_POLL_INTERVAL_MS, on_poll, test);
    }
    else
    {
        gtk_label_set_text (GTK_LABEL (test->result), genlayer_client_message (test->client));
    }
    g_free (key);
}

/* Once, as the button goes (GTK 2 may emit "destroy" more than once). */
static void
on_button_gone (gpointer data, GObject *button G_GNUC_UNUSED)
{
    KeyTest *test = data;

    if (test->poll_source != 0)
        g_source_remove (test->poll_source);
    genlayer_check_destroy (test->check);
    g_free (test);
}

GtkWidget *
genlayer_key_test_button_new (genlayer_client *client, GtkWidget *result,
                              GenlayerTypedKey typed_key, gpointer dialog_state)
{
    KeyTest *test = g_new0 (KeyTest, 1);

    test->client = client;
    test->button = gtk_button_new_with_mnemonic ("_Test");
    test->result = result;
    test->typed_key = typed_key;
    test->dialog_state = dialog_state;
    gtk_widget_set_name (test->button, "genlayer-key-test");
    gtk_widget_set_tooltip_text (test->button,
                                 "Ask the gateway whether it answers and the key works; this "
                                 "costs nothing");
    g_signal_connect (test->button, "clicked", G_CALLBACK (on_clicked), test);
    g_object_weak_ref (G_OBJECT (test->button), on_button_gone, test);
    return test->button;
}
