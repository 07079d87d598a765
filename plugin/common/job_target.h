/*
 * The host's description of where a job's results go, kept by the core in
 * its journal so that a result paid for can still be placed after a crash:
 * written when a job starts, read back to collect or recover it. Both GIMP
 * shims write the same JSON, each under its own "host".
 */
#ifndef GENLAYER_PLUGIN_JOB_TARGET_H
#define GENLAYER_PLUGIN_JOB_TARGET_H

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The "host" of the targets each shim writes. */
#define GENLAYER_HOST_GIMP2 "gimp-2.10"
#define GENLAYER_HOST_GIMP3 "gimp-3"

typedef struct
{
    /* Image and item ids are numbered anew in every GIMP session: they mean
     * something only when same_session is TRUE. The file and layer name last. */
    gint32 image;
    gchar *image_file; /* NULL for an image never saved or opened from a file */
    gint32 drawable;
    gchar *drawable_name;
    gboolean same_session; /* read back under the GIMP process and host that wrote it */
    gint x;                /* the source region, image coordinates */
    gint y;
    gint width;
    gint height;
    gint placement; /* GenlayerPlacement */
    gboolean mask;  /* the layers get a mask from the selection */
} GenlayerJobTarget;

/* A JSON object: `host`, GIMP's process id, image id and file, drawable id
 * and name, the region, placement and mask (same_session is not written).
 * Free with g_free. */
gchar *genlayer_job_target_json (const GenlayerJobTarget *target, const gchar *host);

/* Reads a journaled target that either GIMP shim wrote; same_session is
 * TRUE when `host` wrote it under this GIMP process. FALSE for another
 * program's target (e.g. the CLI's). Clear with genlayer_job_target_clear. */
gboolean genlayer_job_target_read (JsonObject *object, const gchar *host,
                                   GenlayerJobTarget *target);

void genlayer_job_target_clear (GenlayerJobTarget *target);

G_END_DECLS

#endif
