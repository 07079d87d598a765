/*
 * Starting the job that a "Generate Layer" call's values describe, with the
 * source region's pixels as the reference and the host's target for the
 * journal.
 */
#ifndef GENLAYER_PLUGIN_GENERATION_START_H
#define GENLAYER_PLUGIN_GENERATION_START_H

#include "plugin_values.h"

#include <genlayer/genlayer.h>

G_BEGIN_DECLS

/* Starts the job (genlayer_job_start) from `values`: prompt, size,
 * resolution, n, model, response format, timeout and the ';'-separated
 * extra references; `reference` is width x height straight RGBA8 (rows of
 * 4 * width bytes) or NULL for none. The core copies the pixels and every
 * string. Returns GENLAYER_OK with *job, or the failure with the client's
 * one-sentence *error (free it). */
genlayer_status genlayer_generation_start (genlayer_client *client,
                                           const GenlayerPluginValues *values,
                                           const guchar *reference, gint width, gint height,
                                           const gchar *target_json, genlayer_job **job,
                                           gchar **error);

G_END_DECLS

#endif
