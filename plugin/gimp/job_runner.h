/*
 * The non-interactive wait for a job: GIMP's own progress bar follows the
 * job while a GLib main loop polls it, so the plug-in never blocks.
 */
#ifndef GENLAYER_GIMP_JOB_RUNNER_H
#define GENLAYER_GIMP_JOB_RUNNER_H

#include <genlayer/genlayer.h>
#include <glib.h>

G_BEGIN_DECLS

/* [main-thread] Returns once the job's state is final. */
void genlayer_job_runner_wait (genlayer_job *job);

G_END_DECLS

#endif
