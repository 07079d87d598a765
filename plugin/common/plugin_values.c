#include "plugin_values.h"

#include <json-glib/json-glib.h>

#define VALUES_GROUP "genlayer"

const GenlayerChoice genlayer_reference_choices[3] = {
    { GENLAYER_REFERENCE_NONE, "none", "None (text only)" },
    { GENLAYER_REFERENCE_DRAWABLE, "layer", "This layer" },
    { GENLAYER_REFERENCE_VISIBLE, "visible", "Visible image" },
};

const GenlayerChoice genlayer_placement_choices[2] = {
    { GENLAYER_PLACEMENT_GENERATED_SIZE, "generated-size",
      "Generated size, at the region's corner" },
    { GENLAYER_PLACEMENT_COVER_REGION, "cover", "Scaled to cover the region" },
};

void
genlayer_plugin_values_init (GenlayerPluginValues *values)
{
    values->prompt = g_strdup ("");
    values->size = g_strdup ("auto");
    values->resolution = g_strdup ("auto");
    values->reference = GENLAYER_REFERENCE_DRAWABLE;
    values->extra_references = g_strdup ("");
    values->n = 1;
    values->placement = GENLAYER_PLACEMENT_GENERATED_SIZE;
    values->model = g_strdup (genlayer_plugin_limits ().default_model);
    values->response_format = g_strdup ("url");
    values->timeout_s = 0.0;
    values->mask = TRUE;
}

void
genlayer_plugin_values_clear (GenlayerPluginValues *values)
{
    g_clear_pointer (&values->prompt, g_free);
    g_clear_pointer (&values->size, g_free);
    g_clear_pointer (&values->resolution, g_free);
    g_clear_pointer (&values->extra_references, g_free);
    g_clear_pointer (&values->model, g_free);
    g_clear_pointer (&values->response_format, g_free);
}

void
genlayer_plugin_values_copy (GenlayerPluginValues *dest, const GenlayerPluginValues *src)
{
    if (dest == src)
        return;
    genlayer_plugin_values_clear (dest);
    *dest = *src;
    dest->prompt = g_strdup (src->prompt);
    dest->size = g_strdup (src->size);
    dest->resolution = g_strdup (src->resolution);
    dest->extra_references = g_strdup (src->extra_references);
    dest->model = g_strdup (src->model);
    dest->response_format = g_strdup (src->response_format);
}

gchar *
genlayer_plugin_values_refusal (const GenlayerPluginValues *values)
{
    if (values->reference < GENLAYER_REFERENCE_NONE
        || values->reference > GENLAYER_REFERENCE_VISIBLE)
        return g_strdup ("The reference must be 0 (none), 1 (the layer) or 2 (the visible image).");
    /* The core reads n = 0 as 1; the procedure promises the core's range. */
    const genlayer_limits limits = genlayer_plugin_limits ();
    if (values->n < (gint) limits.min_images || values->n > (gint) limits.max_images)
        return g_strdup_printf ("The number of variations must be between %u and %u.",
                                limits.min_images, limits.max_images);
    if (values->placement != GENLAYER_PLACEMENT_GENERATED_SIZE
        && values->placement != GENLAYER_PLACEMENT_COVER_REGION)
        return g_strdup ("The placement must be 0 (generated size) or 1 (cover the region).");
    return NULL;
}

/* Replaces an owned string field. */
static void
set_string (gchar **field, const gchar *text)
{
    gchar *copy = g_strdup (text);
    g_free (*field);
    *field = copy;
}

static gboolean
is_response_format (const gchar *text)
{
    return g_strcmp0 (text, "url") == 0 || g_strcmp0 (text, "b64_json") == 0;
}

static gboolean
node_holds (JsonNode *node, GType type)
{
    return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

static gboolean
node_is_number (JsonNode *node)
{
    return node_holds (node, G_TYPE_INT64) || node_holds (node, G_TYPE_DOUBLE);
}

/* The options as parsed, committed to the values only when all are valid. */
typedef struct
{
    const gchar *model;
    const gchar *response_format;
    gdouble timeout_s;
    gboolean mask;
} ParsedOptions;

/* Reads one member into *parsed; returns the sentence that refuses it, or NULL. */
static gchar *
parse_option (ParsedOptions *parsed, const gchar *key, JsonNode *node)
{
    if (g_strcmp0 (key, "model") == 0)
    {
        if (! node_holds (node, G_TYPE_STRING) || *json_node_get_string (node) == '\0')
            return g_strdup (
                "Option \"model\" must be a non-empty string such as \"gpt-image-2\".");
        parsed->model = json_node_get_string (node);
    }
    else if (g_strcmp0 (key, "response_format") == 0)
    {
        if (! node_holds (node, G_TYPE_STRING)
            || ! is_response_format (json_node_get_string (node)))
            return g_strdup ("Option \"response_format\" must be \"url\" or \"b64_json\".");
        parsed->response_format = json_node_get_string (node);
    }
    else if (g_strcmp0 (key, "timeout_s") == 0)
    {
        if (! node_is_number (node) || json_node_get_double (node) <= 0.0)
            return g_strdup ("Option \"timeout_s\" must be a number of seconds greater than 0.");
        parsed->timeout_s = json_node_get_double (node);
    }
    else if (g_strcmp0 (key, "mask") == 0)
    {
        if (! node_holds (node, G_TYPE_BOOLEAN))
            return g_strdup ("Option \"mask\" must be true or false.");
        parsed->mask = json_node_get_boolean (node);
    }
    else
    {
        return g_strdup_printf (
            "Option \"%s\" is not known; use model, response_format, timeout_s or mask.", key);
    }
    return NULL;
}

gboolean
genlayer_plugin_values_apply_options (GenlayerPluginValues *values, const gchar *options_json,
                                      gchar **error)
{
    if (options_json == NULL || *options_json == '\0')
        return TRUE;

    JsonParser *parser = json_parser_new ();
    JsonNode *root = NULL;
    if (json_parser_load_from_data (parser, options_json, -1, NULL))
        root = json_parser_get_root (parser);
    if (root == NULL || ! JSON_NODE_HOLDS_OBJECT (root))
    {
        *error = g_strdup ("The options are not a JSON object; pass one such as {\"mask\": false} "
                           "or an empty string.");
        g_object_unref (parser);
        return FALSE;
    }

    ParsedOptions parsed = { values->model, values->response_format, values->timeout_s,
                             values->mask };
    JsonObject *object = json_node_get_object (root);
    GList *members = json_object_get_members (object);
    gchar *refusal = NULL;
    for (GList *m = members; m != NULL && refusal == NULL; m = m->next)
        refusal = parse_option (&parsed, m->data, json_object_get_member (object, m->data));
    g_list_free (members);

    if (refusal == NULL)
    {
        set_string (&values->model, parsed.model);
        set_string (&values->response_format, parsed.response_format);
        values->timeout_s = parsed.timeout_s;
        values->mask = parsed.mask;
    }
    else
    {
        *error = refusal;
    }
    g_object_unref (parser);
    return refusal == NULL;
}

/* Keeps *field when the file lacks the key. */
static void
load_string (GKeyFile *file, const gchar *key, gchar **field)
{
    gchar *text = g_key_file_get_string (file, VALUES_GROUP, key, NULL);
    if (text != NULL)
    {
        g_free (*field);
        *field = text;
    }
}

/* Keeps *field when the file lacks the key or its value is outside min..max. */
static void
load_integer (GKeyFile *file, const gchar *key, gint min, gint max, gint *field)
{
    GError *error = NULL;
    gint number = g_key_file_get_integer (file, VALUES_GROUP, key, &error);
    if (error == NULL && number >= min && number <= max)
        *field = number;
    g_clear_error (&error);
}

/* Keeps *field when the file lacks the key or its value is below min. */
static void
load_double (GKeyFile *file, const gchar *key, gdouble min, gdouble *field)
{
    GError *error = NULL;
    gdouble number = g_key_file_get_double (file, VALUES_GROUP, key, &error);
    if (error == NULL && number >= min)
        *field = number;
    g_clear_error (&error);
}

/* Keeps *field when the file lacks the key or its value is not a boolean. */
static void
load_boolean (GKeyFile *file, const gchar *key, gboolean *field)
{
    GError *error = NULL;
    gboolean flag = g_key_file_get_boolean (file, VALUES_GROUP, key, &error);
    if (error == NULL)
        *field = flag;
    g_clear_error (&error);
}

void
genlayer_plugin_values_load (GenlayerPluginValues *values, const gchar *path)
{
    GKeyFile *file = g_key_file_new ();
    if (! g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, NULL))
    {
        g_key_file_free (file);
        return;
    }

    load_string (file, "prompt", &values->prompt);
    load_string (file, "size", &values->size);
    load_string (file, "resolution", &values->resolution);
    load_integer (file, "reference", GENLAYER_REFERENCE_NONE, GENLAYER_REFERENCE_VISIBLE,
                  &values->reference);
    load_string (file, "extra_references", &values->extra_references);
    load_integer (file, "n", (gint) genlayer_plugin_limits ().min_images,
                  (gint) genlayer_plugin_limits ().max_images, &values->n);
    load_integer (file, "placement", GENLAYER_PLACEMENT_GENERATED_SIZE,
                  GENLAYER_PLACEMENT_COVER_REGION, &values->placement);
    load_string (file, "model", &values->model);

    gchar *format = g_key_file_get_string (file, VALUES_GROUP, "response_format", NULL);
    if (is_response_format (format))
        set_string (&values->response_format, format);
    g_free (format);

    load_double (file, "timeout_s", 0.0, &values->timeout_s);
    load_boolean (file, "mask", &values->mask);
    g_key_file_free (file);
}

gboolean
genlayer_plugin_values_save (const GenlayerPluginValues *values, const gchar *path)
{
    GKeyFile *file = g_key_file_new ();
    g_key_file_set_string (file, VALUES_GROUP, "prompt", values->prompt);
    g_key_file_set_string (file, VALUES_GROUP, "size", values->size);
    g_key_file_set_string (file, VALUES_GROUP, "resolution", values->resolution);
    g_key_file_set_integer (file, VALUES_GROUP, "reference", values->reference);
    g_key_file_set_string (file, VALUES_GROUP, "extra_references", values->extra_references);
    g_key_file_set_integer (file, VALUES_GROUP, "n", values->n);
    g_key_file_set_integer (file, VALUES_GROUP, "placement", values->placement);
    g_key_file_set_string (file, VALUES_GROUP, "model", values->model);
    g_key_file_set_string (file, VALUES_GROUP, "response_format", values->response_format);
    g_key_file_set_double (file, VALUES_GROUP, "timeout_s", values->timeout_s);
    g_key_file_set_boolean (file, VALUES_GROUP, "mask", values->mask);

    gsize length = 0;
    gchar *data = g_key_file_to_data (file, &length, NULL);
    /* g_file_set_contents writes a temporary file and renames it over path. */
    gboolean saved = g_file_set_contents (path, data, (gssize) length, NULL);
    g_free (data);
    g_key_file_free (file);
    return saved;
}

genlayer_limits
genlayer_plugin_limits (void)
{
    genlayer_limits limits = { .struct_size = sizeof limits };

    genlayer_get_limits (&limits);
    return limits;
}
