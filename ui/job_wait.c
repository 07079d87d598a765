#include "job_wait.h"

#include "job_watch.h"
#include "progress_dialog.h"

#include <libgimp/gimp.h>

static void
show_in_gimp (const gchar *text, gdouble fraction, gpointer data G_GNUC_UNUSED)
{
    gimp_progress_set_text (text);
    gimp_progress_update (fraction);
}

static void
quit_loop (gpointer data)
{
    g_main_loop_quit (data);
}

static void
wait_with_gimp_progress (genlayer_job *job, gboolean until_task)
{
    GMainLoop *loop = g_main_loop_new (NULL, FALSE);
    GenlayerJobWatch watch = {
        .job = job, .until_task = until_task, .show = show_in_gimp, .ended = quit_loop, .data = loop
    };

    gimp_progress_init ("Generating layer");
    genlayer_job_watch_start (&watch);
    g_main_loop_run (loop);
    g_main_loop_unref (loop);
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
genlayer_job_wait_finish (genlayer_job *job, GenlayerWait wait, gchar **error)
{
    if (wait == GENLAYER_WAIT_PROGRESS_DIALOG)
        genlayer_progress_dialog_run (job, "Generating layer");
    else
        wait_with_gimp_progress (job, FALSE);
    return status_of (job, error);
}

genlayer_status
genlayer_job_wait_for_task (genlayer_job *job, gchar **error)
{
    wait_with_gimp_progress (job, TRUE);
    /* A job that is not final yet reads as OK: it holds a task id. */
    return status_of (job, error);
}
