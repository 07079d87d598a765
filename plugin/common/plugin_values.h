/*
 * The values of one "Generate Layer" call: what the dialog edits, what a
 * script passes as the procedure's arguments, what RUN-WITH-LAST-VALS
 * repeats. Plain GLib, no GIMP and no GTK: both GIMP shims share it, and
 * the tests use it without a display.
 */
#ifndef GENLAYER_PLUGIN_PLUGIN_VALUES_H
#define GENLAYER_PLUGIN_PLUGIN_VALUES_H

#include <genlayer/genlayer.h>
#include <glib.h>

G_BEGIN_DECLS

typedef enum {
    GENLAYER_REFERENCE_NONE = 0,     /* text only */
    GENLAYER_REFERENCE_DRAWABLE = 1, /* the source drawable's pixels */
    GENLAYER_REFERENCE_VISIBLE = 2   /* the visible image (all layers) */
} GenlayerReferenceSource;

typedef enum {
    GENLAYER_PLACEMENT_GENERATED_SIZE = 0, /* top-left at the region's origin */
    GENLAYER_PLACEMENT_COVER_REGION = 1    /* scaled to cover, centred, cropped */
} GenlayerPlacement;

/* One value of the reference or placement as a menu and a script name it. */
typedef struct
{
    gint value;         /* GenlayerReferenceSource or GenlayerPlacement */
    const gchar *nick;  /* what a GIMP 3 script passes, e.g. "layer" */
    const gchar *label; /* what a menu shows */
} GenlayerChoice;

/* Every reference and placement, in the order of their values. */
extern const GenlayerChoice genlayer_reference_choices[3];
extern const GenlayerChoice genlayer_placement_choices[2];

typedef struct
{
    gchar *prompt;
    gchar *size;             /* "auto" or "WxH" */
    gchar *resolution;       /* "auto", "1024", "1536", "2048" */
    gint reference;          /* GenlayerReferenceSource */
    gchar *extra_references; /* ';'-separated files or URLs, may be "" */
    gint n;                  /* 1..4 */
    gint placement;          /* GenlayerPlacement */
    /* From the JSON `options` parameter. */
    gchar *model;           /* "gpt-image-2" */
    gchar *response_format; /* "url" or "b64_json" */
    gdouble timeout_s;      /* 0: the client's default */
    gboolean mask;          /* add a layer mask from the selection */
} GenlayerPluginValues;

/* The defaults a first-time user sees. */
void genlayer_plugin_values_init (GenlayerPluginValues *values);
void genlayer_plugin_values_clear (GenlayerPluginValues *values);
void genlayer_plugin_values_copy (GenlayerPluginValues *dest, const GenlayerPluginValues *src);

/* NULL when the reference, n and placement are in range, else the sentence
 * that refuses the first one that is not (free it). */
gchar *genlayer_plugin_values_refusal (const GenlayerPluginValues *values);

/* Parses the `options` JSON object into values (unknown keys refused).
 * Returns FALSE with a one-sentence *error on bad JSON or a bad field. */
gboolean genlayer_plugin_values_apply_options (GenlayerPluginValues *values,
                                               const gchar *options_json, gchar **error);

/* Last values survive GIMP restarts: stored as a GKeyFile at `path`
 * (the plug-in passes a file in GIMP's profile). Load leaves the
 * defaults in place for a missing or unreadable file. */
void genlayer_plugin_values_load (GenlayerPluginValues *values, const gchar *path);
gboolean genlayer_plugin_values_save (const GenlayerPluginValues *values, const gchar *path);

/* The core's limits and defaults (the range of n, the default model, the
 * price), so that no host writes them down a second time. */
genlayer_limits genlayer_plugin_limits (void);

G_END_DECLS

#endif
