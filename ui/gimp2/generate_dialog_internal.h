/*
 * The Generate dialog split into build and read, so that
 * genlayer_generate_dialog_run is a short loop and a test can drive the
 * widgets (found by their names, "genlayer-prompt", "genlayer-generate" …).
 * [main-thread] for everything.
 */
#ifndef GENLAYER_UI_GENERATE_DIALOG_INTERNAL_H
#define GENLAYER_UI_GENERATE_DIALOG_INTERNAL_H

#include "generate_dialog.h"

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A new, not yet shown dialog filled from *values. The API key row exists
 * only when the client has no key. */
GtkWidget *genlayer_generate_dialog_new (const GenlayerPluginValues *values,
                                         genlayer_client *client);

/* What Generate does: hands a typed key to the client, then copies the
 * widgets into *values. FALSE with the client's sentence in *error (free
 * it) when the key is refused; *values is then unchanged. */
gboolean genlayer_generate_dialog_accept (GtkWidget *dialog, GenlayerPluginValues *values,
                                          gchar **error);

G_END_DECLS

#endif
