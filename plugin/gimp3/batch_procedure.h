/*
 * plug-in-genlayer-batch (Filters > Generative > Batch Generate…): a layer
 * for every image of a folder or list, each image being the reference, with
 * up to `jobs` tasks on the server at once, saved as OUTPUT/<name>.xcf (the
 * image plus the layer) and OUTPUT/<name>.png (the layer alone).
 * scripts/genlayer-batch --gimp 3 calls it from Python-Fu.
 */
#ifndef GENLAYER_GIMP3_BATCH_PROCEDURE_H
#define GENLAYER_GIMP3_BATCH_PROCEDURE_H

#include <genlayer/genlayer.h>
#include <libgimp/gimp.h>

G_BEGIN_DECLS

/* run-mode, folder, files, prompt, size, jobs, output-folder. */
void genlayer_add_batch_arguments (GimpProcedure *procedure);

/* Runs the batch the config describes: submits while fewer than `jobs` are
 * in flight, collects the oldest, saves its two files. A file that fails is
 * told by its name and sentence with gimp_message, and the batch goes on;
 * a task submitted but not collected stays in the journal (Recover
 * Generations…). Returns GENLAYER_OK when every file was saved, else a
 * failure with a one-sentence *error (free it). */
genlayer_status genlayer_batch_run (genlayer_client *client, GimpRunMode run_mode,
                                    GimpProcedureConfig *config, gchar **error);

G_END_DECLS

#endif
