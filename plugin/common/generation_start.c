#include "generation_start.h"

/* The ';'-separated extra references, blanks dropped. */
static GPtrArray *
split_extra_references (const gchar *text)
{
    GPtrArray *references = g_ptr_array_new_with_free_func (g_free);
    gchar **parts = g_strsplit (text ? text : "", ";", -1);

    for (gchar **part = parts; *part; part++)
    {
        const gchar *reference = g_strstrip (*part);

        if (*reference)
            g_ptr_array_add (references, g_strdup (reference));
    }
    g_strfreev (parts);
    return references;
}

genlayer_status
genlayer_generation_start (genlayer_client *client, const GenlayerPluginValues *values,
                           const guchar *reference, gint width, gint height,
                           const gchar *target_json, genlayer_job **job, gchar **error)
{
    const genlayer_image reference_image = {
        .struct_size = sizeof reference_image,
        .width = (uint32_t) width,
        .height = (uint32_t) height,
        .stride = 4 * (uint32_t) width,
        .pixels = reference,
    };
    GPtrArray *extra_references = split_extra_references (values->extra_references);
    const genlayer_request request = {
        .struct_size = sizeof request,
        .prompt = values->prompt,
        .model = values->model,
        .size = values->size,
        .resolution = values->resolution,
        .n = (uint32_t) values->n,
        .response_format = values->response_format,
        .reference = reference ? &reference_image : NULL,
        .extra_references = (const char *const *) extra_references->pdata,
        .extra_reference_count = extra_references->len,
        .timeout_s = values->timeout_s,
        .target_json = target_json,
    };
    genlayer_status status = genlayer_job_start (client, &request, job);

    if (status != GENLAYER_OK)
        *error = g_strdup (genlayer_client_message (client));
    g_ptr_array_unref (extra_references);
    return status;
}
