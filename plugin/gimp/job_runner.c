#include "job_runner.h"

#include "generate_dialog.h"
#include "job_progress_text.h"

#include <libgimp/gimp.h>

/* Often enough for a smooth bar, rarely enough to cost nothing. */
#define POLL_INTERVAL_MS 50

typedef struct {
    genlayer_job *job;
    gboolean until_task; /* stop once the task id is known, not only when final */
    GMainLoop *loop;
} JobWait;

static gboolean
poll_job (gpointer data)
{
    JobWait *wait = data;
    genlayer_progress progress = { .struct_size = sizeof progress };
    gchar *text;

    genlayer_job_poll (wait->job, &progress);
    if (genlayer_job_state_is_final (progress.state)
        || (wait->until_task && genlayer_job_task_id (wait->job)))
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

static void
wait_with_gimp_progress (genlayer_job *job, gboolean until_task)
{
    JobWait wait = { job, until_task, g_main_loop_new (NULL, FALSE) };

    gimp_progress_init ("Generating layer");
    g_timeout_add (POLL_INTERVAL_MS, poll_job, &wait);
    g_main_loop_run (wait.loop);
    g_main_loop_unref (wait.loop);
    gimp_progress_end ();
}

/* The job's status; a failure's sentence in *error. */
static genlayer_status
status_of (genlayer_job *job, gchar **error)
{
    genlayer_status status = genlayer_job_status (job);

    if (status != GENLAYER_OK)
        *error = g_strdup (genlayer_job_message (job));
    return status;
}

genlayer_status
genlayer_job_runner_finish (genlayer_job *job, GenlayerWait wait, gchar **error)
{
    if (wait == GENLAYER_WAIT_PROGRESS_DIALOG)
        genlayer_progress_dialog_run (job, "Generating layer");
    else
        wait_with_gimp_progress (job, FALSE);
    return status_of (job, error);
}

genlayer_status
genlayer_job_runner_wait_for_task (genlayer_job *job, gchar **error)
{
    wait_with_gimp_progress (job, TRUE);
    /* A job that is not final yet reads as OK: it holds a task id. */
    return status_of (job, error);
}
