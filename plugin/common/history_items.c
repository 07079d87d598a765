#include "history_items.h"

#include <json-glib/json-glib.h>

/* Variations share their prompt: enough entries to find the prompts of
 * this many distinct generations, without reading a history of thousands. */
#define ENTRIES_PER_RECENT_PROMPT 20

static GenlayerHistoryItem *
item_of (JsonObject *entry)
{
    GenlayerHistoryItem *item = g_new0 (GenlayerHistoryItem, 1);

    item->id = g_strdup (json_object_get_string_member_with_default (entry, "id", ""));
    item->prompt = g_strdup (json_object_get_string_member_with_default (entry, "prompt", ""));
    item->size = g_strdup (json_object_get_string_member_with_default (entry, "size", "auto"));
    item->resolution = g_strdup (
        json_object_get_string_member_with_default (entry, "resolution", "auto"));
    item->thumbnail = g_strdup (
        json_object_get_string_member_with_default (entry, "thumbnail", ""));
    item->width = (gint) json_object_get_int_member_with_default (entry, "width", 0);
    item->height = (gint) json_object_get_int_member_with_default (entry, "height", 0);
    return item;
}

GPtrArray *
genlayer_history_items_list (genlayer_client *client, const gchar *search, guint limit)
{
    GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) genlayer_history_item_free);
    JsonNode *root = json_from_string (genlayer_client_history_json (client, search, limit), NULL);
    JsonArray *entries = root && JSON_NODE_HOLDS_ARRAY (root) ? json_node_get_array (root) : NULL;

    for (guint i = 0; entries && i < json_array_get_length (entries); i++)
    {
        JsonNode *entry = json_array_get_element (entries, i);

        if (JSON_NODE_HOLDS_OBJECT (entry))
            g_ptr_array_add (items, item_of (json_node_get_object (entry)));
    }
    g_clear_pointer (&root, json_node_unref);
    return items;
}

GPtrArray *
genlayer_history_recent_prompts (genlayer_client *client, guint count)
{
    GPtrArray *items = genlayer_history_items_list (client, NULL,
                                                    count * ENTRIES_PER_RECENT_PROMPT);
    GPtrArray *prompts = g_ptr_array_new_with_free_func (g_free);

    for (guint i = 0; i < items->len && prompts->len < count; i++)
    {
        const gchar *prompt = ((GenlayerHistoryItem *) items->pdata[i])->prompt;
        gboolean seen = ! *prompt;

        for (guint j = 0; j < prompts->len && ! seen; j++)
            seen = g_strcmp0 (prompts->pdata[j], prompt) == 0;
        if (! seen)
            g_ptr_array_add (prompts, g_strdup (prompt));
    }
    g_ptr_array_unref (items);
    return prompts;
}

GenlayerHistoryItem *
genlayer_history_item_copy (const GenlayerHistoryItem *item)
{
    GenlayerHistoryItem *copy = g_new0 (GenlayerHistoryItem, 1);

    copy->id = g_strdup (item->id);
    copy->prompt = g_strdup (item->prompt);
    copy->size = g_strdup (item->size);
    copy->resolution = g_strdup (item->resolution);
    copy->thumbnail = g_strdup (item->thumbnail);
    copy->width = item->width;
    copy->height = item->height;
    return copy;
}

void
genlayer_history_item_free (GenlayerHistoryItem *item)
{
    g_free (item->id);
    g_free (item->prompt);
    g_free (item->size);
    g_free (item->resolution);
    g_free (item->thumbnail);
    g_free (item);
}
