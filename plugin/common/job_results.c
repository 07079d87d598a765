#include "job_results.h"

genlayer_status
genlayer_job_results_read (genlayer_job *job, genlayer_image **images, guint *count, gchar **error)
{
    genlayer_status status = GENLAYER_OK;

    *count = genlayer_job_result_count (job);
    *images = g_new0 (genlayer_image, *count);
    for (guint i = 0; i < *count && status == GENLAYER_OK; i++)
    {
        (*images)[i].struct_size = sizeof (*images)[i];
        status = genlayer_job_result (job, i, &(*images)[i]);
    }
    if (status != GENLAYER_OK)
    {
        *error = g_strdup (genlayer_job_message (job));
        g_clear_pointer (images, g_free);
        *count = 0;
    }
    return status;
}
