/*
 * The progress dialog: runs a job's wait with the job's progress and a
 * Cancel button. [main-thread]
 */
#ifndef GENLAYER_UI_PROGRESS_DIALOG_H
#define GENLAYER_UI_PROGRESS_DIALOG_H

#include <genlayer/genlayer.h>
#include <glib.h>

G_BEGIN_DECLS

/* Shows the job's progress in a modal dialog until the job is final. Cancel
 * calls genlayer_job_cancel; the dialog stays until the worker has stopped,
 * so the caller never frees a job whose worker still runs. */
void genlayer_progress_dialog_run (genlayer_job *job, const gchar *title);

G_END_DECLS

#endif
