/*
 * The "Generate Layer" dialog of GIMP 3: a GimpProcedureDialog over the
 * procedure's arguments and its dialog-only ones (size and resolution menus
 * from the core's table, model, mask, API key). [main-thread]
 */
#ifndef GENLAYER_UI_GIMP3_GENERATE_DIALOG_H
#define GENLAYER_UI_GIMP3_GENERATE_DIALOG_H

#include <genlayer/genlayer.h>
#include <libgimp/gimp.h>

G_BEGIN_DECLS

/* Shows the dialog on `config`; TRUE on Generate with the edited values in
 * `config`, FALSE on Cancel/close. When the client has no API key, the
 * dialog shows a key field; a key typed there is set on the client (and
 * stored with mode 0600 when "remember" is ticked). */
gboolean genlayer_generate_dialog_run (GimpProcedure *procedure, GimpProcedureConfig *config,
                                       genlayer_client *client);

G_END_DECLS

#endif
