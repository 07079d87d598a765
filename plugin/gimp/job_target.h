/*
 * The host's description of where a job's results go, kept by the core in
 * its journal so that a result paid for can still be placed after a crash.
 */
#ifndef GENLAYER_GIMP_JOB_TARGET_H
#define GENLAYER_GIMP_JOB_TARGET_H

#include "plugin_values.h"
#include "source_region.h"

G_BEGIN_DECLS

/* A JSON object: host, image id and file, drawable id and name, the region
 * in image coordinates, placement and mask. Free with g_free. */
gchar *genlayer_job_target_json (const GenlayerSourceRegion *region,
                                 const GenlayerPluginValues *values);

G_END_DECLS

#endif
