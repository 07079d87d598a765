/*
 * The genlayer-info parasite: what made a generated layer (model, prompt,
 * size, resolution, n, task id, created time, source layer), as JSON kept in
 * the XCF. Never the API key. Each shim attaches the text as a persistent,
 * undoable parasite, its terminating NUL included, as GIMP's own text
 * parasites are.
 */
#ifndef GENLAYER_PLUGIN_LAYER_METADATA_H
#define GENLAYER_PLUGIN_LAYER_METADATA_H

#include "plugin_values.h"

#include <genlayer/genlayer.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define GENLAYER_METADATA_PARASITE "genlayer-info"

/* The JSON text of a finished job's metadata. Model, size and resolution are
 * the ones the core actually requested ("auto" resolved); values fill in
 * what the core does not report. Free with g_free. */
gchar *genlayer_layer_metadata_json (genlayer_job *job, const GenlayerPluginValues *values,
                                     const gchar *source_layer_name);

/* The same object for an image put back from the history, from the entry's
 * metadata_json object (genlayer_history_entry): its created time is the
 * generation's. Free with g_free. */
gchar *genlayer_history_layer_metadata_json (JsonObject *entry, const gchar *source_layer_name);

G_END_DECLS

#endif
