#include "journaled_jobs.h"

/* The entry as a job, or NULL when another host wrote it. */
static GenlayerJournaledJob *
job_of (JsonObject *entry, const gchar *host)
{
    GenlayerJournaledJob *job = g_new0 (GenlayerJournaledJob, 1);
    JsonObject *request = json_object_has_member (entry, "request")
                              ? json_object_get_object_member (entry, "request")
                              : NULL;
    JsonObject *target = json_object_has_member (entry, "target")
                             ? json_object_get_object_member (entry, "target")
                             : NULL;

    if (! target || ! genlayer_job_target_read (target, host, &job->target))
    {
        genlayer_journaled_job_free (job);
        return NULL;
    }
    job->task_id = g_strdup (json_object_get_string_member_with_default (entry, "task_id", ""));
    job->stage = g_strdup (json_object_get_string_member_with_default (entry, "stage", ""));
    job->created_at = json_object_get_int_member_with_default (entry, "created_at", 0);
    job->expires_at = json_object_get_int_member_with_default (entry, "expires_at", 0);
    job->collectable = json_object_get_boolean_member_with_default (entry, "collectable", FALSE);
    job->prompt = g_strdup (
        request ? json_object_get_string_member_with_default (request, "prompt", "") : "");
    job->n = request ? (gint) json_object_get_int_member_with_default (request, "n", 1) : 1;
    return job;
}

/* Every job of GIMP in the journal, oldest first. */
static GPtrArray *
journaled_jobs (genlayer_client *client, const gchar *host)
{
    GPtrArray *jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) genlayer_journaled_job_free);
    JsonNode *root = json_from_string (genlayer_client_journal_json (client), NULL);
    JsonArray *entries = root && JSON_NODE_HOLDS_ARRAY (root) ? json_node_get_array (root) : NULL;

    for (guint i = 0; entries && i < json_array_get_length (entries); i++)
    {
        JsonNode *entry = json_array_get_element (entries, i);
        GenlayerJournaledJob *job = JSON_NODE_HOLDS_OBJECT (entry)
                                        ? job_of (json_node_get_object (entry), host)
                                        : NULL;

        if (job)
            g_ptr_array_add (jobs, job);
    }
    g_clear_pointer (&root, json_node_unref);
    return jobs;
}

GPtrArray *
genlayer_journaled_jobs_collectable (genlayer_client *client, const gchar *host)
{
    GPtrArray *jobs = journaled_jobs (client, host);

    for (guint i = jobs->len; i-- > 0;)
        if (! ((GenlayerJournaledJob *) jobs->pdata[i])->collectable)
            g_ptr_array_remove_index (jobs, i);
    return jobs;
}

GenlayerJournaledJob *
genlayer_journaled_job_find (genlayer_client *client, const gchar *host, const gchar *task_id,
                             gchar **error)
{
    GPtrArray *jobs = journaled_jobs (client, host);
    GenlayerJournaledJob *found = NULL;

    for (guint i = 0; i < jobs->len && ! found; i++)
        if (g_strcmp0 (((GenlayerJournaledJob *) jobs->pdata[i])->task_id, task_id) == 0)
            found = g_ptr_array_steal_index (jobs, i);
    g_ptr_array_unref (jobs);
    if (! found)
        *error = g_strdup_printf ("The task %s is not one that GIMP submitted on this "
                                  "computer (see `genlayer jobs`); only those can be "
                                  "collected into an image.",
                                  task_id);
    return found;
}

void
genlayer_journaled_job_values (const GenlayerJournaledJob *job, GenlayerPluginValues *values)
{
    genlayer_plugin_values_init (values);
    g_free (values->prompt);
    values->prompt = g_strdup (job->prompt);
    values->n = job->n;
    values->placement = job->target.placement;
    values->mask = job->target.mask;
}

void
genlayer_journaled_job_free (GenlayerJournaledJob *job)
{
    genlayer_job_target_clear (&job->target);
    g_free (job->task_id);
    g_free (job->stage);
    g_free (job->prompt);
    g_free (job);
}
