/* The client a procedure runs with, made after checking the core. */
#ifndef GENLAYER_PLUGIN_PLUGIN_CLIENT_H
#define GENLAYER_PLUGIN_PLUGIN_CLIENT_H

#include <genlayer/genlayer.h>
#include <glib.h>

G_BEGIN_DECLS

/* A client with the settings of the environment and the config file, or
 * NULL with a one-sentence *error (free it): a core of another ABI version
 * than this plug-in was built for, or settings the core refuses. Destroy
 * with genlayer_client_destroy. */
genlayer_client *genlayer_plugin_client_new (gchar **error);

G_END_DECLS

#endif
