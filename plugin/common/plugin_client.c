#include "plugin_client.h"

genlayer_client *
genlayer_plugin_client_new (gchar **error)
{
    const genlayer_client_options options = { .struct_size = sizeof options };
    genlayer_client *client = NULL;

    if (genlayer_client_create (&options, &client) != GENLAYER_OK)
    {
        *error = g_strdup (genlayer_last_error_message ());
        return NULL;
    }
    return client;
}
