#include "size_choices.h"

#include <json-glib/json-glib.h>

/* Appends a string unless the list holds it already: 1:1 is in two ratio tiers. */
static void
add_once (GPtrArray *list, const gchar *text)
{
    for (guint i = 0; i < list->len; i++)
        if (g_strcmp0 (g_ptr_array_index (list, i), text) == 0)
            return;
    g_ptr_array_add (list, g_strdup (text));
}

/* Appends a tier's sizes; FALSE when one is not a string. */
static gboolean
collect_sizes (JsonArray *entries, GPtrArray *sizes)
{
    for (guint i = 0; i < json_array_get_length (entries); i++)
    {
        JsonNode *entry = json_array_get_element (entries, i);
        if (! JSON_NODE_HOLDS_VALUE (entry) || json_node_get_value_type (entry) != G_TYPE_STRING)
            return FALSE;
        add_once (sizes, json_node_get_string (entry));
    }
    return TRUE;
}

/* Appends every tier name and every size of the object `member` of the
 * table; FALSE when it is missing or does not have that shape. */
static gboolean
collect_tiers (JsonObject *table, const gchar *member, GPtrArray *sizes, GPtrArray *resolutions)
{
    JsonNode *tiers_node = json_object_get_member (table, member);
    if (tiers_node == NULL || ! JSON_NODE_HOLDS_OBJECT (tiers_node))
        return FALSE;

    JsonObject *tiers = json_node_get_object (tiers_node);
    GList *names = json_object_get_members (tiers);
    gboolean well_formed = TRUE;
    for (GList *name = names; name != NULL && well_formed; name = name->next)
    {
        JsonNode *tier = json_object_get_member (tiers, name->data);
        well_formed = JSON_NODE_HOLDS_ARRAY (tier);
        if (well_formed)
        {
            g_ptr_array_add (resolutions, g_strdup (name->data));
            well_formed = collect_sizes (json_node_get_array (tier), sizes);
        }
    }
    g_list_free (names);
    return well_formed;
}

/* The pixel dialect ("tiers") and then, when the table has it, the ratio
 * dialect ("ratio_tiers"): a person may name a size either way, and the
 * client translates it into the dialect the gateway speaks. */
static gboolean
collect_both_dialects (JsonNode *root, GPtrArray *sizes, GPtrArray *resolutions)
{
    if (root == NULL || ! JSON_NODE_HOLDS_OBJECT (root))
        return FALSE;
    JsonObject *table = json_node_get_object (root);
    return collect_tiers (table, "tiers", sizes, resolutions)
           && (! json_object_has_member (table, "ratio_tiers")
               || collect_tiers (table, "ratio_tiers", sizes, resolutions));
}

/* A new NULL-terminated list holding "auto" and, when it was read, the table's part. */
static gchar **
finish_list (GPtrArray *from_table, gboolean read)
{
    GPtrArray *list = g_ptr_array_new ();
    g_ptr_array_add (list, g_strdup ("auto"));
    for (guint i = 0; read && i < from_table->len; i++)
        g_ptr_array_add (list, g_strdup (g_ptr_array_index (from_table, i)));
    g_ptr_array_add (list, NULL);
    g_ptr_array_free (from_table, TRUE);
    return (gchar **) g_ptr_array_free (list, FALSE);
}

gboolean
genlayer_size_choices_parse (const gchar *table_json, gchar ***sizes, gchar ***resolutions)
{
    GPtrArray *table_sizes = g_ptr_array_new_with_free_func (g_free);
    GPtrArray *table_resolutions = g_ptr_array_new_with_free_func (g_free);

    JsonParser *parser = json_parser_new ();
    gboolean read = table_json != NULL && json_parser_load_from_data (parser, table_json, -1, NULL)
                    && collect_both_dialects (json_parser_get_root (parser), table_sizes,
                                              table_resolutions);
    g_object_unref (parser);

    *sizes = finish_list (table_sizes, read);
    *resolutions = finish_list (table_resolutions, read);
    return read;
}
