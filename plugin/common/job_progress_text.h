/*
 * How a job's progress reads to a person ("Generating… 45 %"), shared by the
 * progress dialog and the plug-in's status-bar progress. Plain GLib; only the
 * enums and structs of the C ABI header.
 */
#ifndef GENLAYER_PLUGIN_JOB_PROGRESS_TEXT_H
#define GENLAYER_PLUGIN_JOB_PROGRESS_TEXT_H

#include <genlayer/genlayer.h>
#include <glib.h>

G_BEGIN_DECLS

/* One short line for the state, with the server's percent while the task
 * runs, e.g. "Uploading reference…", "Queued…", "Generating… 45 %".
 * Free with g_free. */
gchar *genlayer_job_progress_text (const genlayer_progress *progress);

G_END_DECLS

#endif
