/*
 * Following a running job from the host's main loop: the job is polled
 * (genlayer_job_poll never waits) once at the start and then whenever its
 * wakeup descriptor says it changed, never on a timer, and what it shows is
 * handed on as one line of text and one fraction of the whole job, only when
 * either changed. Both GIMP's progress bar and the plug-in's progress dialog show
 * exactly that. [main-thread]
 */
#ifndef GENLAYER_PLUGIN_JOB_WATCH_H
#define GENLAYER_PLUGIN_JOB_WATCH_H

#include <genlayer/genlayer.h>
#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
    genlayer_job *job;
    /* Stop as soon as the server's task id is known, not only when final. */
    gboolean until_task;
    /* When what the job shows changed: e.g. "Generating… 45 %" and 0.62. */
    void (*show) (const gchar *text, gdouble fraction, gpointer data);
    /* Once, at the end; the watch has stopped by then. */
    void (*ended) (gpointer data);
    gpointer data;
    /* The watch's own: what was shown last (NULL before the first show). */
    gchar *shown_text;
    gdouble shown_fraction;
} GenlayerJobWatch;

/* Polls the job from the default main context, first as soon as it runs,
 * until the job ends; `show` and `ended` are called from there. `watch`
 * must stay valid until `ended`. */
void genlayer_job_watch_start (GenlayerJobWatch *watch);

G_END_DECLS

#endif
