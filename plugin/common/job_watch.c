#include "job_watch.h"

#include "job_progress_text.h"

/* Often enough for a smooth bar, rarely enough to cost nothing. */
#define POLL_INTERVAL_MS 50

/* One poll; TRUE while the watch goes on. */
static gboolean
poll_once (GenlayerJobWatch *watch)
{
    genlayer_progress progress = { .struct_size = sizeof progress };
    gchar *text;

    genlayer_job_poll (watch->job, &progress);
    if (genlayer_job_state_is_final (progress.state)
        || (watch->until_task && genlayer_job_task_id (watch->job)))
    {
        watch->ended (watch->data);
        return FALSE;
    }
    text = genlayer_job_progress_text (&progress);
    watch->show (text, CLAMP (progress.fraction, 0.0, 1.0), watch->data);
    g_free (text);
    return TRUE;
}

static gboolean
on_poll_timeout (gpointer data)
{
    return poll_once (data) ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

/* The first poll as soon as the loop runs, so the first state shows from
 * the first frame and `ended` is never called before the caller's loop
 * runs, where it could not stop it. */
static gboolean
on_first_poll (gpointer data)
{
    if (poll_once (data))
        g_timeout_add (POLL_INTERVAL_MS, on_poll_timeout, data);
    return G_SOURCE_REMOVE;
}

void
genlayer_job_watch_start (GenlayerJobWatch *watch)
{
    g_idle_add (on_first_poll, watch);
}
