/* cordon-run-report.c: the accesses the sandbox refused, merged with counts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A record is its JSON line without the count; the same line twice is the
 * same access twice. Paths are canonicalized the way the kernel walked
 * them (cordon_path_canonicalize_for_query), so "./x", "../d/x" and a
 * symlink to it meet in one record.
 */
#include "config.h"

#include <errno.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cordon-capability-set-private.h"
#include "cordon-fs-capability-private.h"
#include "cordon-json-private.h"
#include "cordon-path-private.h"
#include "cordon-run-report.h"
#include "cordon-run-status.h"

struct _CordonRunReport
{
  gatomicrefcount     ref_count;
  GMutex              lock;      /* the mediator observes from its threads */
  CordonCapabilitySet *caps;
  CordonQueryContext *query;     /* made at the first refusal: see judge () */
  int                 out_fd;
  GPtrArray          *order;   /* record texts, first seen first */
  GHashTable         *counts;  /* record text → guint count */
};

CordonRunReport *
cordon_run_report_new (CordonCapabilitySet *caps,
                       int                  out_fd)
{
  CordonRunReport *self = g_new0 (CordonRunReport, 1);

  g_atomic_ref_count_init (&self->ref_count);
  g_mutex_init (&self->lock);
  self->caps = g_object_ref (caps);
  self->out_fd = out_fd;
  self->order = g_ptr_array_new ();
  self->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return self;
}

CordonRunReport *
cordon_run_report_ref (CordonRunReport *self)
{
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
cordon_run_report_unref (CordonRunReport *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_mutex_clear (&self->lock);
  g_clear_object (&self->query);
  g_object_unref (self->caps);
  if (self->out_fd >= 0)
    close (self->out_fd);
  g_ptr_array_unref (self->order);
  g_hash_table_unref (self->counts);
  g_free (self);
}

static void
add_record (CordonRunReport *self,
            GString         *record)
{
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  guint *count = g_hash_table_lookup (self->counts, record->str);
  char *key;

  if (count != NULL)
    {
      if (*count < G_MAXUINT)
        (*count)++;
      return;
    }
  key = g_strdup (record->str);
  count = g_new (guint, 1);
  *count = 1;
  g_hash_table_insert (self->counts, key, count);
  g_ptr_array_add (self->order, key);
  {
    g_autofree char *live = g_strdup_printf ("%s,\"count\":1}", record->str);

    cordon_run_status_blocked (live);
  }
}

static void
append_path (GString    *record,
             const char *path)
{
  g_autofree char *valid = g_utf8_make_valid (path, -1);

  cordon_json_append_string (record, valid);
}

static gboolean
has_unchecked_rules (CordonCapabilitySet *caps)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (caps));

  for (guint i = 0; i < n; i++)
    {
      CordonRuleView rule;

      cordon_capability_set_peek_rule (caps, i, &rule);
      if (rule.unchecked)
        return TRUE;
    }
  return FALSE;
}

/* What a refusal is judged by, made when the first one comes: a run that
 * is refused nothing never pays for it.
 *
 * A --status-fd launch loads the profile's rules unchecked (issue 15), by
 * their recorded paths. Those are what the sandbox holds when every rule
 * opened as recorded; when one did not, the child applied the rules as
 * loading resolves them (through a link no rule can write, /lib →
 * usr/lib), and judging by the recorded paths would call a refusal under
 * the rule's real folder (file permissions) the sandbox's. So they are
 * resolved here, as loading would, and the child did. If they no longer
 * resolve (a rule's path vanished, or a link was planted, since the
 * launch), the recorded paths are the ones the child opened. */
static CordonQueryContext *
judge (CordonRunReport *self)
{
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);

  if (self->query == NULL)
    {
      g_autoptr (CordonCapabilitySet) checked = NULL;

      if (has_unchecked_rules (self->caps))
        checked = cordon_capability_set_check_unchecked (self->caps, NULL);
      self->query = cordon_query_context_new (checked != NULL ? checked : self->caps);
    }
  return self->query;
}

void
cordon_run_report_add_fs (CordonRunReport  *self,
                          const char       *path,
                          CordonAccessMode  access,
                          const char       *operation)
{
  g_autoptr (GString) record = NULL;
  g_autoptr (CordonQueryResult) result = NULL;
  g_autofree char *canonical = cordon_path_canonicalize_for_query (path, NULL);
  struct stat st;

  if (canonical == NULL)
    return;
  /* Refused, but not by us: the profile grants it, so file permissions
   * (or a read-only mount) said no, and no rule would change that. */
  result = cordon_query_context_query_path (judge (self), canonical, access, NULL);
  if (result == NULL || cordon_query_result_is_allowed (result))
    return;
  /* Opening a folder to read it is listing it. */
  if (g_str_equal (operation, "open") && access == CORDON_ACCESS_READ
      && stat (canonical, &st) == 0 && S_ISDIR (st.st_mode))
    operation = "list";

  record = g_string_new ("{\"kind\":\"fs\",\"path\":");
  append_path (record, canonical);
  g_string_append_printf (record, ",\"access\":\"%s\",\"operation\":\"%s\"",
                          cordon_access_mode_to_string (access), operation);
  add_record (self, record);
}

static const char *
family_name (int family)
{
  switch (family)
    {
    case AF_INET: return "inet";
    case AF_INET6: return "inet6";
    case AF_NETLINK: return "netlink";
    case AF_PACKET: return "packet";
    case AF_BLUETOOTH: return "bluetooth";
    case AF_VSOCK: return "vsock";
    case AF_ALG: return "alg";
    case AF_CAN: return "can";
    case AF_TIPC: return "tipc";
    case AF_XDP: return "xdp";
    default: return NULL;
    }
}

void
cordon_run_report_add_network (CordonRunReport *self,
                               int              family)
{
  g_autoptr (GString) record = g_string_new ("{\"kind\":\"network\",\"family\":");
  const char *name = family_name (family);

  if (name != NULL)
    cordon_json_append_string (record, name);
  else
    g_string_append_printf (record, "\"%d\"", family);
  add_record (self, record);
}

void
cordon_run_report_add_socket (CordonRunReport *self,
                              const char      *path)
{
  g_autoptr (GString) record = g_string_new ("{\"kind\":\"socket\",\"path\":");
  g_autofree char *canonical = cordon_path_canonicalize_for_query (path, NULL);

  append_path (record, canonical != NULL ? canonical : path);
  add_record (self, record);
}

gboolean
cordon_run_report_write (CordonRunReport *self,
                         GError         **error)
{
  g_autoptr (GString) text = g_string_new (NULL);
  const char *p;
  gsize left;

  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);

  if (self->out_fd < 0)
    return TRUE;
  for (guint i = 0; i < self->order->len; i++)
    {
      const char *record = g_ptr_array_index (self->order, i);

      guint *count = g_hash_table_lookup (self->counts, record);

      g_string_append_printf (text, "%s,\"count\":%u}\n", record, *count);
    }
  p = text->str;
  left = text->len;
  while (left > 0)
    {
      ssize_t n = write (self->out_fd, p, left);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                       "cannot write the report: %s", g_strerror (saved_errno));
          return FALSE;
        }
      p += n;
      left -= (gsize) n;
    }
  return TRUE;
}
