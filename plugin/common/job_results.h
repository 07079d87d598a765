/* The images of a finished job, read through the C ABI. */
#ifndef GENLAYER_PLUGIN_JOB_RESULTS_H
#define GENLAYER_PLUGIN_JOB_RESULTS_H

#include <genlayer/genlayer.h>
#include <glib.h>

G_BEGIN_DECLS

/* Every result of the DONE `job`: *images (*count of them; free the array
 * with g_free, the pixels belong to the job) and GENLAYER_OK, or the
 * failure with the job's one-sentence *error (free it). */
genlayer_status genlayer_job_results_read (genlayer_job *job, genlayer_image **images, guint *count,
                                           gchar **error);

G_END_DECLS

#endif
