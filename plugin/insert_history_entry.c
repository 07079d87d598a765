#include "insert_history_entry.h"

#include "insert_result_layers.h"
#include "json_members.h"
#include "layer_metadata.h"
#include "selection_snapshot.h"
#include "source_region.h"

/* The values a fresh generation of the entry would have had: its prompt
 * names the layer; placement at the region's origin at the image's own
 * size, masked to a selection. */
static void
values_of_entry (JsonObject *entry, GenlayerPluginValues *values)
{
    genlayer_plugin_values_init (values);
    g_free (values->prompt);
    values->prompt = g_strdup (json_object_get_string_member_with_default (entry, "prompt", ""));
}

/* Inserts `pixels` at the drawable's region with the entry's metadata. */
static genlayer_status
insert_pixels (GenlayerGimpImage image, GenlayerGimpDrawable drawable, const genlayer_image *pixels,
               JsonObject *entry, GenlayerProcedureResults *out, gchar **error)
{
    GenlayerSourceRegion region;
    GenlayerSelectionCoverage selection = { 0 };
    GenlayerPluginValues values;
    gchar *source_name;
    gchar *metadata;

    if (! genlayer_source_region_find (image, drawable, &region, error))
        return GENLAYER_INVALID_REQUEST;
    values_of_entry (entry, &values);
    if (region.has_selection && values.mask)
    {
        genlayer_selection_snapshot_take (image, &selection);
        region.selection = &selection;
    }
    source_name = gimp_item_get_name (GENLAYER_GIMP_ITEM (drawable));
    metadata = genlayer_history_layer_metadata_json (entry, source_name);
    out->layers = genlayer_insert_result_layers (&region, pixels, 1, &values, metadata);
    out->n_layers = 1;
    out->task_id = g_strdup (json_object_get_string_member_with_default (entry, "task_id", ""));
    g_free (metadata);
    g_free (source_name);
    genlayer_plugin_values_clear (&values);
    genlayer_selection_coverage_clear (&selection);
    return GENLAYER_OK;
}

genlayer_status
genlayer_insert_history_entry (genlayer_client *client, GenlayerGimpImage image,
                               GenlayerGimpDrawable drawable, const gchar *entry_id,
                               GenlayerProcedureResults *out, gchar **error)
{
    genlayer_history_entry entry = { .struct_size = sizeof entry };
    genlayer_image pixels = { .struct_size = sizeof pixels };
    genlayer_status status = genlayer_client_history_entry (client, entry_id, &entry);
    JsonObject *metadata;
    gchar *id;

    if (status != GENLAYER_OK)
    {
        *error = g_strdup (genlayer_client_message (client));
        return status;
    }
    /* The entry's strings last only until the next call on the client. */
    metadata = genlayer_json_object_parse (entry.metadata_json);
    id = g_strdup (entry.id);
    status = genlayer_client_history_image (client, id, &pixels);
    if (status != GENLAYER_OK)
        *error = g_strdup (genlayer_client_message (client));
    else
        status = insert_pixels (image, drawable, &pixels, metadata, out, error);
    json_object_unref (metadata);
    g_free (id);
    return status;
}
