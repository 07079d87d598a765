/*
 * The plug-in's jobs in the core's journal (genlayer_client_journal_json):
 * what Collect looks up by task id and Recover offers to import.
 */
#ifndef GENLAYER_GIMP_JOURNALED_JOBS_H
#define GENLAYER_GIMP_JOURNALED_JOBS_H

#include "job_target.h"

#include <genlayer/genlayer.h>

G_BEGIN_DECLS

typedef struct {
    gchar *task_id;
    gchar *stage;         /* the journal's stage, e.g. "submitted" */
    gint64 created_at;    /* unix seconds */
    gint64 expires_at;    /* unix seconds, 0 if unknown */
    gboolean collectable; /* submitted, not collected, not expired */
    gchar *prompt;        /* as sent */
    gint n;
    GenlayerJobTarget target;
} GenlayerJournaledJob;

/* The plug-in's jobs that can still be collected, oldest first: a
 * GPtrArray of GenlayerJournaledJob that frees them. */
GPtrArray *genlayer_journaled_jobs_collectable (genlayer_client *client);

/* The plug-in's job of `task_id`, whatever its stage, or NULL. Free with
 * genlayer_journaled_job_free. */
GenlayerJournaledJob *genlayer_journaled_job_find (genlayer_client *client,
                                                   const gchar *task_id);

void genlayer_journaled_job_free (GenlayerJournaledJob *job);

G_END_DECLS

#endif
