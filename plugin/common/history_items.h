/*
 * The history's entries as the GIMP dialogs show them (from
 * genlayer_client_history_json): the grid of Generation History… and the
 * recent prompts of Generate Layer…. Nothing is sent to the gateway.
 */
#ifndef GENLAYER_PLUGIN_HISTORY_ITEMS_H
#define GENLAYER_PLUGIN_HISTORY_ITEMS_H

#include <genlayer/genlayer.h>
#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
    gchar *id;
    gchar *prompt;
    gchar *size;       /* as asked: "auto", "1536x1024", "3:2" … */
    gchar *resolution; /* as asked: "auto", "1024" … */
    gchar *thumbnail;  /* the path of its PNG thumbnail */
    gint width;
    gint height;
} GenlayerHistoryItem;

/* The entries whose prompt contains `search` (NULL or "": all), newest
 * first, at most `limit`: a GPtrArray of GenlayerHistoryItem that frees
 * them. Empty when the history is empty or unreadable. */
GPtrArray *genlayer_history_items_list (genlayer_client *client, const gchar *search, guint limit);

/* Up to `count` prompts of the newest entries, each once, newest first: a
 * GPtrArray of strings that frees them. */
GPtrArray *genlayer_history_recent_prompts (genlayer_client *client, guint count);

GenlayerHistoryItem *genlayer_history_item_copy (const GenlayerHistoryItem *item);
void genlayer_history_item_free (GenlayerHistoryItem *item);

G_END_DECLS

#endif
