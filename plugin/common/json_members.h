/*
 * Small helpers for the JSON objects the plug-in writes (the journal target,
 * the layer metadata) with json-glib's builder.
 */
#ifndef GENLAYER_PLUGIN_JSON_MEMBERS_H
#define GENLAYER_PLUGIN_JSON_MEMBERS_H

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* A string member; NULL becomes JSON null. */
void genlayer_json_add_string (JsonBuilder *builder, const gchar *name, const gchar *value);
void genlayer_json_add_int (JsonBuilder *builder, const gchar *name, gint64 value);
void genlayer_json_add_boolean (JsonBuilder *builder, const gchar *name, gboolean value);

/* The object `text` holds; an empty object when text is NULL or holds
 * anything else. Free with json_object_unref. */
JsonObject *genlayer_json_object_parse (const gchar *text);

/* The compact JSON text of the builder's finished root; unrefs the builder.
 * Free the text with g_free. */
gchar *genlayer_json_finish (JsonBuilder *builder);

G_END_DECLS

#endif
