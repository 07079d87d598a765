#include "plugin_client.h"

genlayer_client *
genlayer_plugin_client_new (gchar **error)
{
    const genlayer_client_options options = { .struct_size = sizeof options };
    genlayer_client *client = NULL;

    if (genlayer_abi_version () != GENLAYER_ABI_VERSION)
    {
        *error = g_strdup_printf ("The genlayer core has ABI version %u but this plug-in "
                                  "was built for %u; reinstall the plug-in from one build.",
                                  genlayer_abi_version (), GENLAYER_ABI_VERSION);
        return NULL;
    }
    if (genlayer_client_create (&options, &client) != GENLAYER_OK)
    {
        *error = g_strdup (genlayer_last_error_message ());
        return NULL;
    }
    return client;
}
