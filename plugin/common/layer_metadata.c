#include "layer_metadata.h"

#include "json_members.h"

/* The object the core reported for the request, or an empty one. */
static JsonObject *
requested_fields (genlayer_job *job)
{
    const gchar *text = genlayer_job_request_json (job);
    JsonNode *root = text ? json_from_string (text, NULL) : NULL;
    JsonObject *fields = root && JSON_NODE_HOLDS_OBJECT (root)
                             ? json_object_ref (json_node_get_object (root))
                             : json_object_new ();

    g_clear_pointer (&root, json_node_unref);
    return fields;
}

gchar *
genlayer_layer_metadata_json (genlayer_job *job, const GenlayerPluginValues *values,
                              const gchar *source_layer_name)
{
    JsonObject *requested = requested_fields (job);
    JsonBuilder *builder = json_builder_new ();
    GDateTime *now = g_date_time_new_now_utc ();
    gchar *created = g_date_time_format_iso8601 (now);

    json_builder_begin_object (builder);
    genlayer_json_add_string (
        builder, "model",
        json_object_get_string_member_with_default (requested, "model", values->model));
    genlayer_json_add_string (builder, "prompt", values->prompt);
    genlayer_json_add_string (
        builder, "size",
        json_object_get_string_member_with_default (requested, "size", values->size));
    genlayer_json_add_string (
        builder, "resolution",
        json_object_get_string_member_with_default (requested, "resolution", values->resolution));
    genlayer_json_add_int (builder, "n", values->n);
    genlayer_json_add_string (builder, "task_id", genlayer_job_task_id (job));
    genlayer_json_add_string (builder, "created", created);
    genlayer_json_add_string (builder, "source_layer", source_layer_name);
    json_builder_end_object (builder);

    g_free (created);
    g_date_time_unref (now);
    json_object_unref (requested);
    return genlayer_json_finish (builder);
}
