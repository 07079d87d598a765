#include "layer_metadata.h"

#include "json_members.h"

/* What one metadata object holds, as both its sources give it. */
typedef struct
{
    const gchar *model;
    const gchar *prompt;
    const gchar *size;
    const gchar *resolution;
    gint64 n;
    const gchar *task_id;
    const gchar *created;
    const gchar *source_layer;
} LayerMetadata;

static gchar *
metadata_json (const LayerMetadata *metadata)
{
    JsonBuilder *builder = json_builder_new ();

    json_builder_begin_object (builder);
    genlayer_json_add_string (builder, "model", metadata->model);
    genlayer_json_add_string (builder, "prompt", metadata->prompt);
    genlayer_json_add_string (builder, "size", metadata->size);
    genlayer_json_add_string (builder, "resolution", metadata->resolution);
    genlayer_json_add_int (builder, "n", metadata->n);
    genlayer_json_add_string (builder, "task_id", metadata->task_id);
    genlayer_json_add_string (builder, "created", metadata->created);
    genlayer_json_add_string (builder, "source_layer", metadata->source_layer);
    json_builder_end_object (builder);
    return genlayer_json_finish (builder);
}

gchar *
genlayer_layer_metadata_json (genlayer_job *job, const GenlayerPluginValues *values,
                              const gchar *source_layer_name)
{
    /* What the core reported for the request. */
    JsonObject *requested = genlayer_json_object_parse (genlayer_job_request_json (job));
    GDateTime *now = g_date_time_new_now_utc ();
    gchar *created = g_date_time_format_iso8601 (now);
    const LayerMetadata metadata = {
        .model = json_object_get_string_member_with_default (requested, "model", values->model),
        .prompt = values->prompt,
        .size = json_object_get_string_member_with_default (requested, "size", values->size),
        .resolution = json_object_get_string_member_with_default (requested, "resolution",
                                                                  values->resolution),
        .n = values->n,
        .task_id = genlayer_job_task_id (job),
        .created = created,
        .source_layer = source_layer_name,
    };
    gchar *json = metadata_json (&metadata);

    g_free (created);
    g_date_time_unref (now);
    json_object_unref (requested);
    return json;
}

gchar *
genlayer_history_layer_metadata_json (JsonObject *entry, const gchar *source_layer_name)
{
    GDateTime *time = g_date_time_new_from_unix_utc (
        json_object_get_int_member_with_default (entry, "created_at", 0));
    gchar *created = time ? g_date_time_format_iso8601 (time) : NULL;
    const LayerMetadata metadata = {
        .model = json_object_get_string_member_with_default (entry, "model", NULL),
        .prompt = json_object_get_string_member_with_default (entry, "prompt", NULL),
        .size = json_object_get_string_member_with_default (entry, "size", NULL),
        .resolution = json_object_get_string_member_with_default (entry, "resolution", NULL),
        .n = 1,
        .task_id = json_object_get_string_member_with_default (entry, "task_id", NULL),
        .created = created,
        .source_layer = source_layer_name,
    };
    gchar *json = metadata_json (&metadata);

    g_free (created);
    g_clear_pointer (&time, g_date_time_unref);
    return json;
}
