/*
 * What the dialog's size and resolution combos offer: "auto" followed by the
 * entries of the core's size table (genlayer_size_table_json), so the dialog
 * never repeats the table. Plain GLib, no GTK.
 */
#ifndef GENLAYER_PLUGIN_SIZE_CHOICES_H
#define GENLAYER_PLUGIN_SIZE_CHOICES_H

#include <glib.h>

G_BEGIN_DECLS

/* Reads {"tiers": {"1024": ["1024x1024"], ...}, "ratio_tiers": {"1K":
 * ["1:1", ...], ...}} into two NULL-terminated lists (free with g_strfreev):
 * every size in table order, pixel sizes first and each once, and every
 * tier, each list starting with "auto". On unreadable JSON both lists hold
 * only "auto" and FALSE is returned. */
gboolean genlayer_size_choices_parse (const gchar *table_json, gchar ***sizes,
                                      gchar ***resolutions);

G_END_DECLS

#endif
