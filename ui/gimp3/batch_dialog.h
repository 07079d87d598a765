/*
 * The "Batch Generate" dialog of GIMP 3: a GimpProcedureDialog over
 * plug-in-genlayer-batch's folder, prompt, tasks at once and output folder.
 * [main-thread]
 */
#ifndef GENLAYER_UI_GIMP3_BATCH_DIALOG_H
#define GENLAYER_UI_GIMP3_BATCH_DIALOG_H

#include <libgimp/gimp.h>

G_BEGIN_DECLS

/* Shows the dialog on `config`; TRUE on Generate with the edited values in
 * `config`, FALSE on Cancel/close. */
gboolean genlayer_batch_dialog_run (GimpProcedure *procedure, GimpProcedureConfig *config);

G_END_DECLS

#endif
