/*
 * GIMP's jobs in the core's journal (genlayer_client_journal_json): what
 * Collect looks up by task id and Recover offers to import. `host` is the
 * calling shim's GENLAYER_HOST_*: it decides which targets are of this
 * session.
 */
#ifndef GENLAYER_PLUGIN_JOURNALED_JOBS_H
#define GENLAYER_PLUGIN_JOURNALED_JOBS_H

#include "job_target.h"
#include "plugin_values.h"

#include <genlayer/genlayer.h>

G_BEGIN_DECLS

typedef struct
{
    gchar *task_id;
    gchar *stage;         /* the journal's stage, e.g. "submitted" */
    gint64 created_at;    /* unix seconds */
    gint64 expires_at;    /* unix seconds, 0 if unknown */
    gboolean collectable; /* submitted, not collected, not expired */
    gchar *prompt;        /* as sent */
    gint n;
    GenlayerJobTarget target;
} GenlayerJournaledJob;

/* GIMP's jobs that can still be collected, oldest first: a GPtrArray of
 * GenlayerJournaledJob that frees them. */
GPtrArray *genlayer_journaled_jobs_collectable (genlayer_client *client, const gchar *host);

/* GIMP's job of `task_id`, whatever its stage (free with
 * genlayer_journaled_job_free), or NULL with the one-sentence *error (free
 * it): without the journal's target there is nowhere to put the layers. */
GenlayerJournaledJob *genlayer_journaled_job_find (genlayer_client *client, const gchar *host,
                                                   const gchar *task_id, gchar **error);

/* What plug-in-genlayer was called with, as far as inserting the job's
 * layers needs it (prompt, n, placement, mask); clear with
 * genlayer_plugin_values_clear. */
void genlayer_journaled_job_values (const GenlayerJournaledJob *job, GenlayerPluginValues *values);

void genlayer_journaled_job_free (GenlayerJournaledJob *job);

G_END_DECLS

#endif
