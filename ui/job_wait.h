/*
 * Waiting for a job without blocking the plug-in's main thread: either the
 * plug-in's own progress dialog with Cancel, or GIMP's progress bar, both
 * fed by the job watch from a GLib main loop. The same in both GIMPs.
 */
#ifndef GENLAYER_UI_JOB_WAIT_H
#define GENLAYER_UI_JOB_WAIT_H

#include <genlayer/genlayer.h>
#include <libgimp/gimp.h>

G_BEGIN_DECLS

typedef enum {
    GENLAYER_WAIT_PROGRESS_DIALOG, /* interactive: the plug-in's dialog with Cancel */
    GENLAYER_WAIT_GIMP_PROGRESS    /* scripts and repeats: GIMP's progress bar */
} GenlayerWait;

/* [main-thread] Returns once the job's state is final: its status, and for a
 * failure its one-sentence *error (free it). */
genlayer_status genlayer_job_wait_finish (genlayer_job *job, GenlayerWait wait, gchar **error);

/* [main-thread] Returns as soon as the server's task id is known (the job is
 * journaled as submitted), or the job failed before that: GENLAYER_OK, or
 * the failure with its one-sentence *error (free it). */
genlayer_status genlayer_job_wait_for_task (genlayer_job *job, gchar **error);

/* A person watches interactive runs in the plug-in's dialog, with Cancel. */
static inline GenlayerWait
genlayer_wait_for_run_mode (GimpRunMode run_mode)
{
    return run_mode == GIMP_RUN_INTERACTIVE ? GENLAYER_WAIT_PROGRESS_DIALOG
                                            : GENLAYER_WAIT_GIMP_PROGRESS;
}

/* How a procedure ends after a job's outcome. */
static inline GimpPDBStatusType
genlayer_pdb_status_of (genlayer_status status)
{
    switch (status)
    {
    case GENLAYER_OK:
        return GIMP_PDB_SUCCESS;
    case GENLAYER_CANCELLED:
        return GIMP_PDB_CANCEL;
    default:
        return GIMP_PDB_EXECUTION_ERROR;
    }
}

G_END_DECLS

#endif
