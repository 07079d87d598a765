/* The name of a generated layer, from its prompt. */
#ifndef GENLAYER_PLUGIN_LAYER_NAME_H
#define GENLAYER_PLUGIN_LAYER_NAME_H

#include <glib.h>

G_BEGIN_DECLS

/* "<first 40 characters of the prompt> (genlayer)", plus " k/n" for the
 * k-th (index k-1) of n > 1 variations; always one line. Free with g_free. */
gchar *genlayer_layer_name (const gchar *prompt, guint index, guint count);

G_END_DECLS

#endif
