#include "json_members.h"

void
genlayer_json_add_string (JsonBuilder *builder, const gchar *name, const gchar *value)
{
    json_builder_set_member_name (builder, name);
    if (value)
        json_builder_add_string_value (builder, value);
    else
        json_builder_add_null_value (builder);
}

void
genlayer_json_add_int (JsonBuilder *builder, const gchar *name, gint64 value)
{
    json_builder_set_member_name (builder, name);
    json_builder_add_int_value (builder, value);
}

void
genlayer_json_add_boolean (JsonBuilder *builder, const gchar *name, gboolean value)
{
    json_builder_set_member_name (builder, name);
    json_builder_add_boolean_value (builder, value);
}

gchar *
genlayer_json_finish (JsonBuilder *builder)
{
    JsonNode *root = json_builder_get_root (builder);
    gchar *json = json_to_string (root, FALSE);

    json_node_unref (root);
    g_object_unref (builder);
    return json;
}

JsonObject *
genlayer_json_object_parse (const gchar *text)
{
    JsonNode *root = text ? json_from_string (text, NULL) : NULL;
    JsonObject *object = root && JSON_NODE_HOLDS_OBJECT (root)
                             ? json_object_ref (json_node_get_object (root))
                             : json_object_new ();

    g_clear_pointer (&root, json_node_unref);
    return object;
}
