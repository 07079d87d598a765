/*
 * The host's description of where a job's results go, kept by the core in
 * its journal so that a result paid for can still be placed after a crash:
 * written when a job starts, read back to collect or recover it.
 */
#ifndef GENLAYER_GIMP_JOB_TARGET_H
#define GENLAYER_GIMP_JOB_TARGET_H

#include "plugin_values.h"
#include "source_region.h"

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The "host" of every target this plug-in writes. */
#define GENLAYER_JOB_TARGET_HOST "gimp-2.10"

typedef struct {
    /* Image and item ids are numbered anew in every GIMP session: they mean
     * something only when same_session is TRUE. The file and layer name last. */
    gint32 image;
    gchar *image_file;      /* NULL for an image never saved or opened from a file */
    gint32 drawable;
    gchar *drawable_name;
    gboolean same_session;  /* written under the GIMP process this plug-in runs in */
    GenlayerSourceRegion region; /* image coordinates; image, drawable, has_selection and selection unset */
    gint placement;         /* GenlayerPlacement */
    gboolean mask;          /* the layers get a mask from the selection */
} GenlayerJobTarget;

/* A JSON object: host, GIMP's process id, image id and file, drawable id
 * and name, the region in image coordinates, placement and mask. Free with
 * g_free. */
gchar *genlayer_job_target_json (const GenlayerSourceRegion *region,
                                 const GenlayerPluginValues *values);

/* Reads a journaled target. FALSE when it was not written by this plug-in
 * (another host's, e.g. the CLI's). Clear with genlayer_job_target_clear. */
gboolean genlayer_job_target_read (JsonObject *object, GenlayerJobTarget *target);

void genlayer_job_target_clear (GenlayerJobTarget *target);

G_END_DECLS

#endif
