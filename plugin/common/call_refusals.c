#include "call_refusals.h"

gchar *
genlayer_task_id_refusal (const gchar *task_id)
{
    if (task_id && *task_id)
        return NULL;
    return g_strdup ("The task id is empty; pass the one plug-in-genlayer-submit returned.");
}

gchar *
genlayer_timeout_refusal (gint timeout_s)
{
    if (timeout_s >= 0)
        return NULL;
    return g_strdup ("The timeout must be 0 (the configured one) or a number of seconds.");
}

gchar *
genlayer_selection_outside_refusal (void)
{
    return g_strdup ("The selection does not overlap the source layer; "
                     "select a region inside the layer or select none.");
}
