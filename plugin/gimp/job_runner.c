#include "job_runner.h"

#include <libgimp/gimp.h>

/* Often enough for a smooth bar, rarely enough to cost nothing. */
#define POLL_INTERVAL_MS 50

typedef struct {
    genlayer_job *job;
    GMainLoop *loop;
    genlayer_job_state shown_state;
} JobWait;

static const gchar *
state_text (genlayer_job_state state)
{
    switch (state)
    {
    case GENLAYER_JOB_PREPARING:
        return "Preparing the reference image";
    case GENLAYER_JOB_UPLOADING:
        return "Uploading the reference image";
    case GENLAYER_JOB_SUBMITTING:
        return "Submitting the generation";
    case GENLAYER_JOB_QUEUED:
        return "Waiting for the server";
    case GENLAYER_JOB_RUNNING:
        return "Generating";
    case GENLAYER_JOB_DOWNLOADING:
        return "Downloading the result";
    default:
        return "Finishing";
    }
}

static gboolean
is_final (genlayer_job_state state)
{
    return state == GENLAYER_JOB_DONE || state == GENLAYER_JOB_FAILED
           || state == GENLAYER_JOB_CANCELLED;
}

static gboolean
poll_job (gpointer data)
{
    JobWait *wait = data;
    genlayer_progress progress = { .struct_size = sizeof progress };

    genlayer_job_poll (wait->job, &progress);
    if (is_final (progress.state))
    {
        g_main_loop_quit (wait->loop);
        return G_SOURCE_REMOVE;
    }
    if (progress.state != wait->shown_state)
    {
        gimp_progress_set_text (state_text (progress.state));
        wait->shown_state = progress.state;
    }
    gimp_progress_update (progress.fraction);
    return G_SOURCE_CONTINUE;
}

void
genlayer_job_runner_wait (genlayer_job *job)
{
    /* A final state is never shown, so it stands for "no text yet". */
    JobWait wait = { job, g_main_loop_new (NULL, FALSE), GENLAYER_JOB_DONE };

    gimp_progress_init ("Generating layer");
    g_timeout_add (POLL_INTERVAL_MS, poll_job, &wait);
    g_main_loop_run (wait.loop);
    g_main_loop_unref (wait.loop);
    gimp_progress_end ();
}
