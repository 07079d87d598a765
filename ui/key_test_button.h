/*
 * The Test button beside the key field of both Generate dialogs: it runs
 * `genlayer check` (genlayer_check_start, on the core's worker thread) and
 * polls it from a timer, so the dialog stays usable while the gateway
 * answers, then writes the three lines of the answer into a label.
 * [main-thread] for everything.
 */
#ifndef GENLAYER_UI_KEY_TEST_BUTTON_H
#define GENLAYER_UI_KEY_TEST_BUTTON_H

#include <genlayer/genlayer.h>
#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The key in the dialog's field now, newly allocated ("" for none). */
typedef gchar *(*GenlayerTypedKey) (gpointer dialog_state);

/* A "_Test" button named "genlayer-key-test". A click checks typed_key's
 * key, or the client's own when the field is empty, and shows the answer in
 * `result`, a GtkLabel. A check still running when the button is destroyed
 * is cancelled. */
GtkWidget *genlayer_key_test_button_new (genlayer_client *client, GtkWidget *result,
                                         GenlayerTypedKey typed_key, gpointer dialog_state);

G_END_DECLS

#endif
