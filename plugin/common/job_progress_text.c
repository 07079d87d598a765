#include "job_progress_text.h"

gchar *
genlayer_job_progress_text (const genlayer_progress *progress)
{
    switch (progress->state)
    {
    case GENLAYER_JOB_PREPARING:
        return g_strdup ("Preparing…");
    case GENLAYER_JOB_UPLOADING:
        return g_strdup ("Uploading reference…");
    case GENLAYER_JOB_SUBMITTING:
        return g_strdup ("Submitting…");
    case GENLAYER_JOB_QUEUED:
        return g_strdup ("Queued…");
    case GENLAYER_JOB_RUNNING:
        return g_strdup_printf ("Generating… %d %%", CLAMP (progress->server_percent, 0, 100));
    case GENLAYER_JOB_DOWNLOADING:
        return g_strdup ("Downloading result…");
    case GENLAYER_JOB_DONE:
        return g_strdup ("Done");
    case GENLAYER_JOB_FAILED:
        return g_strdup ("Failed");
    case GENLAYER_JOB_CANCELLED:
        return g_strdup ("Cancelled");
    }
    return g_strdup ("Working…"); /* a state added to the ABI later */
}
