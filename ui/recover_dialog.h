/*
 * The "Recover Generations" dialog: the generations a crash, a kill or a
 * cancel left on the server, each with a tick box, to import the chosen
 * ones. [main-thread] for everything.
 */
#ifndef GENLAYER_UI_RECOVER_DIALOG_H
#define GENLAYER_UI_RECOVER_DIALOG_H

#include "journaled_jobs.h"

G_BEGIN_DECLS

/* Shows the jobs (GenlayerJournaledJob: prompt, age, stage, expiry), every
 * one ticked. On Import sets chosen[i] for each ticked job and returns TRUE;
 * FALSE on Cancel or close. */
gboolean genlayer_recover_dialog_run (const GPtrArray *jobs, gboolean *chosen);

G_END_DECLS

#endif
