#include "layer_name.h"

#define NAME_PROMPT_CHARACTERS 40

gchar *
genlayer_layer_name (const gchar *prompt, guint index, guint count)
{
    gchar *valid = g_utf8_make_valid (prompt, -1);
    gchar *head = g_utf8_substring (valid, 0,
                                    MIN (g_utf8_strlen (valid, -1), NAME_PROMPT_CHARACTERS));
    gchar *name;

    /* A multi-line prompt still makes a one-line name. */
    g_strstrip (g_strdelimit (head, "\r\n\t", ' '));
    name = count > 1 ? g_strdup_printf ("%s (genlayer) %u/%u", head, index + 1, count)
                     : g_strdup_printf ("%s (genlayer)", head);
    g_free (head);
    g_free (valid);
    return name;
}
