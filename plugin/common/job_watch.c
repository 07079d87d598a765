#include "job_watch.h"

#include "job_progress_text.h"

#include <glib-unix.h>

/* Shows text and fraction unless they are what is shown already: in GIMP
 * each show is two calls into GIMP's process, too many to make at every
 * wakeup (each status answer of a task that waits for minutes is one). */
static void
show_if_changed (GenlayerJobWatch *watch, gchar *text, gdouble fraction)
{
    if (watch->shown_text && g_strcmp0 (text, watch->shown_text) == 0
        && fraction == watch->shown_fraction)
    {
        g_free (text);
        return;
    }
    watch->show (text, fraction, watch->data);
    g_free (watch->shown_text);
    watch->shown_text = text;
    watch->shown_fraction = fraction;
}

/* One poll; TRUE while the watch goes on. */
static gboolean
poll_once (GenlayerJobWatch *watch)
{
    genlayer_progress progress = { .struct_size = sizeof progress };

    genlayer_job_poll (watch->job, &progress);
    if (genlayer_job_state_is_final (progress.state)
        || (watch->until_task && genlayer_job_task_id (watch->job)))
    {
        g_clear_pointer (&watch->shown_text, g_free);
        watch->ended (watch->data);
        return FALSE;
    }
    show_if_changed (watch, genlayer_job_progress_text (&progress),
                     CLAMP (progress.fraction, 0.0, 1.0));
    return TRUE;
}

static gboolean
on_job_changed (gint fd, GIOCondition condition, gpointer data)
{
    (void) fd;
    (void) condition;
    return poll_once (data) ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static gboolean
on_first_poll (gpointer data)
{
    GenlayerJobWatch *watch = data;

    if (poll_once (watch))
        g_unix_fd_add (genlayer_job_wakeup_fd (watch->job), G_IO_IN, on_job_changed, watch);
    return G_SOURCE_REMOVE;
}

void
genlayer_job_watch_start (GenlayerJobWatch *watch)
{
    watch->shown_text = NULL;
    g_idle_add (on_first_poll, watch);
}
