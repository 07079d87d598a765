/* What a generation costs, as the Generate dialogs show it. */
#ifndef GENLAYER_PLUGIN_COST_TEXT_H
#define GENLAYER_PLUGIN_COST_TEXT_H

#include <glib.h>

G_BEGIN_DECLS

/* "Cost: 2 × $0.015 = $0.030" for n images. Free with g_free. */
gchar *genlayer_cost_text (gint n);

G_END_DECLS

#endif
