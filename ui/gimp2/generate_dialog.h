/*
 * The "Generate Layer" dialog (gimpui / GTK 2). [main-thread] for
 * everything: GTK and libgimp are used only on the plug-in's main thread.
 */
#ifndef GENLAYER_UI_GENERATE_DIALOG_H
#define GENLAYER_UI_GENERATE_DIALOG_H

#include "plugin_values.h"

#include <genlayer/genlayer.h>
#include <glib.h>

G_BEGIN_DECLS

/* Shows the dialog filled from *values; on Generate stores the edited values
 * back and returns TRUE; FALSE on Cancel/close. When the client has no API
 * key, the dialog shows a key field; a key typed there is set on the client
 * (and stored with mode 0600 when "remember" is ticked). */
gboolean genlayer_generate_dialog_run (GenlayerPluginValues *values, genlayer_client *client);

G_END_DECLS

#endif
