#include "job_runner.h"

#include "job_progress_text.h"

#include <libgimp/gimp.h>

/* Often enough for a smooth bar, rarely enough to cost nothing. */
#define POLL_INTERVAL_MS 50

typedef struct {
    genlayer_job *job;
    GMainLoop *loop;
} JobWait;

static gboolean
poll_job (gpointer data)
{
    JobWait *wait = data;
    genlayer_progress progress = { .struct_size = sizeof progress };
    gchar *text;

    genlayer_job_poll (wait->job, &progress);
    if (genlayer_job_state_is_final (progress.state))
    {
        g_main_loop_quit (wait->loop);
        return G_SOURCE_REMOVE;
    }
    text = genlayer_job_progress_text (&progress);
    gimp_progress_set_text (text);
    gimp_progress_update (progress.fraction);
    g_free (text);
    return G_SOURCE_CONTINUE;
}

void
genlayer_job_runner_wait (genlayer_job *job)
{
    JobWait wait = { job, g_main_loop_new (NULL, FALSE) };

    gimp_progress_init ("Generating layer");
    g_timeout_add (POLL_INTERVAL_MS, poll_job, &wait);
    g_main_loop_run (wait.loop);
    g_main_loop_unref (wait.loop);
    gimp_progress_end ();
}
