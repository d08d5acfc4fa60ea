/* cordon-app-util.c: how the app puts paths and modes into words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sys/stat.h>

#include "cordon-app-util.h"

static gboolean
path_is_under (const char *path,
               const char *folder,
               const char **rest)
{
  gsize len = strlen (folder);

  while (len > 1 && folder[len - 1] == '/')
    len--;
  if (strncmp (path, folder, len) != 0)
    return FALSE;
  if (path[len] != '\0' && path[len] != '/')
    return FALSE;
  *rest = path + len;
  return TRUE;
}

char *
cordon_path_to_display (const char *path)
{
  const char *home = g_get_home_dir ();
  const char *rest;

  g_return_val_if_fail (path != NULL, NULL);

  /* A home of "/" would turn every path into "~…", which says nothing. */
  if (home != NULL && g_strcmp0 (home, "/") != 0 && path_is_under (path, home, &rest))
    return g_strconcat ("~", rest, NULL);
  return g_strdup (path);
}

/* Characters that draw nothing, or move what follows: a row holding them
 * can read as a different path than the one it names. */
static gboolean
needs_escape (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_CONTROL:
    case G_UNICODE_FORMAT:        /* U+200E/F, U+202A–E, U+2066–9, U+200B… */
    case G_UNICODE_LINE_SEPARATOR:
    case G_UNICODE_PARAGRAPH_SEPARATOR:
    case G_UNICODE_UNASSIGNED:
    case G_UNICODE_SURROGATE:
    case G_UNICODE_PRIVATE_USE:
      return TRUE;
    default:
      return FALSE;
    }
}

char *
cordon_path_to_display_escaped (const char *path)
{
  g_autofree char *shown = NULL;
  GString *out;
  const char *p;

  g_return_val_if_fail (path != NULL, NULL);

  shown = cordon_path_to_display (path);
  out = g_string_sized_new (strlen (shown));
  for (p = shown; *p != '\0';)
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_printf (out, "\\x%02X", (guchar) *p);
          p++;
          continue;
        }
      if (c == '\\')
        g_string_append (out, "\\\\");
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (needs_escape (c) && c > 0xFFFF)
        g_string_append_printf (out, "\\U%08X", c);
      else if (needs_escape (c))
        g_string_append_printf (out, "\\u%04X", c);
      else
        g_string_append_unichar (out, c);
      p = g_utf8_next_char (p);
    }
  return g_string_free (out, FALSE);
}

char *
cordon_path_from_display (const char *text)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  if (text[0] == '~' && (text[1] == '\0' || text[1] == '/'))
    path = g_strconcat (g_get_home_dir (), text + 1, NULL);
  else
    path = g_strdup (text);

  if (!g_path_is_absolute (path))
    return NULL;
  return g_steal_pointer (&path);
}

CordonPathCheck
cordon_path_check (const char  *text,
                   char       **out_path,
                   char       **message)
{
  g_autofree char *path = NULL;
  struct stat st;

  g_return_val_if_fail (text != NULL, CORDON_PATH_CHECK_INVALID);

  if (out_path != NULL)
    *out_path = NULL;
  if (message != NULL)
    *message = NULL;

  if (text[0] == '\0')
    return CORDON_PATH_CHECK_EMPTY;

  path = cordon_path_from_display (text);
  if (path == NULL)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (text));

      /* A pasted path often carries a space or a newline at an end. */
      if (!g_str_equal (trimmed, text) && trimmed[0] != '\0')
        return cordon_path_check (trimmed, out_path, message);
      if (message != NULL)
        *message = g_strdup (_("Type a full path, starting with / or ~"));
      return CORDON_PATH_CHECK_INVALID;
    }

  if (g_stat (path, &st) != 0)
    {
      int saved_errno = errno;
      g_autofree char *trimmed = g_strstrip (g_strdup (text));

      /* Names can end in a space, so the text as typed comes first; only
       * when nothing is there is the space taken for a slip. */
      if (!g_str_equal (trimmed, text) && trimmed[0] != '\0')
        return cordon_path_check (trimmed, out_path, message);

      if (message != NULL)
        {
          if (saved_errno == ENOENT || saved_errno == ENOTDIR)
            *message = g_strdup (_("Nothing exists at this path"));
          else
            /* Translators: %s is the system's reason, e.g. "Permission denied" */
            *message = g_strdup_printf (_("This path cannot be used: %s"),
                                        g_strerror (saved_errno));
        }
      return saved_errno == ENOENT || saved_errno == ENOTDIR
               ? CORDON_PATH_CHECK_MISSING
               : CORDON_PATH_CHECK_INVALID;
    }

  if (out_path != NULL)
    *out_path = g_strdup (path);

  if (S_ISDIR (st.st_mode))
    {
      if (message != NULL)
        *message = g_strdup (_("A folder: everything inside it is covered"));
      return CORDON_PATH_CHECK_FOLDER;
    }

  if (message != NULL)
    *message = g_strdup (_("A single file"));
  return CORDON_PATH_CHECK_FILE;
}

const char *
cordon_access_mode_to_label (CordonAccessMode mode)
{
  switch ((int) mode)
    {
    case CORDON_ACCESS_READ:
      return _("Read");
    case CORDON_ACCESS_WRITE:
      return _("Write");
    case CORDON_ACCESS_READ_WRITE:
      return _("Read & Write");
    default:
      return _("No access");
    }
}

const char *
cordon_access_mode_to_effect (CordonAccessMode mode)
{
  switch ((int) mode)
    {
    case CORDON_ACCESS_READ:
      return _("Can read");
    case CORDON_ACCESS_WRITE:
      return _("Can write but not read");
    case CORDON_ACCESS_READ_WRITE:
      return _("Can read and write");
    default:
      return _("No access");
    }
}

const char *
cordon_app_capability_get_warning (CordonFsCapability *capability,
                                   gboolean           *out_severe)
{
  static const char * const system_folders[] = {
    "/bin", "/boot", "/dev", "/etc", "/lib", "/lib32", "/lib64", "/libx32",
    "/opt", "/proc", "/sbin", "/sys", "/usr", "/var", NULL,
  };
  const char *path = cordon_fs_capability_get_resolved (capability);
  const char *home = g_get_home_dir ();
  gboolean writes = (cordon_fs_capability_get_access (capability) & CORDON_ACCESS_WRITE) != 0;

  if (out_severe != NULL)
    *out_severe = FALSE;
  if (cordon_fs_capability_get_is_file (capability))
    return NULL;

  /* Writing everywhere is not a milder version of reading everywhere: the
   * program can delete or replace anything the user can. */
  if (out_severe != NULL)
    *out_severe = writes && (g_strcmp0 (path, "/") == 0
                             || g_strcmp0 (path, "/home") == 0
                             || (home != NULL && g_strcmp0 (path, home) == 0));
  if (writes && g_strcmp0 (path, "/") == 0)
    return _("Lets the program change or delete anything on this computer that you can");
  if (g_strcmp0 (path, "/") == 0)
    return _("Covers the whole system");
  if (writes && home != NULL && g_strcmp0 (path, home) == 0)
    return _("Lets the program change or delete all your files, keys and passwords");
  if (home != NULL && g_strcmp0 (path, home) == 0)
    return _("Covers your whole home folder, including keys and passwords");
  if (g_strcmp0 (path, "/home") == 0)
    return _("Covers every user’s home folder");
  if (writes && g_strcmp0 (path, "/etc") == 0)
    return _("Lets the program change the system’s configuration");
  if (writes && g_strv_contains (system_folders, path))
    return _("Lets the program change system files");
  return NULL;
}

char *
cordon_app_query_result_describe (CordonQueryResult *result)
{
  g_autofree char *granted = NULL;
  const char *granted_path;

  g_return_val_if_fail (CORDON_IS_QUERY_RESULT (result), NULL);

  granted_path = cordon_query_result_get_granted_path (result);
  if (granted_path != NULL)
    granted = cordon_path_to_display (granted_path);

  switch (cordon_query_result_get_reason (result))
    {
    case CORDON_QUERY_REASON_GRANTED_PATH:
      /* Translators: "Allowed — granted by /tmp (Read & Write)" */
      return g_strdup_printf (_("Allowed — granted by %s (%s)"),
                              granted != NULL ? granted : "?",
                              cordon_access_mode_to_label (cordon_query_result_get_access (result)));
    case CORDON_QUERY_REASON_PATH_NOT_GRANTED:
      return g_strdup (_("Denied — no rule covers this path"));
    case CORDON_QUERY_REASON_INSUFFICIENT_ACCESS:
      if (granted != NULL)
        /* Translators: "Denied — /etc grants Read only; Write was requested" */
        return g_strdup_printf (_("Denied — %s grants %s only; %s was requested"),
                                granted,
                                cordon_access_mode_to_label (cordon_query_result_get_access (result)),
                                cordon_access_mode_to_label (cordon_query_result_get_requested (result)));
      /* Translators: "Denied — the rules grant Read only; Write was requested" */
      return g_strdup_printf (_("Denied — the rules grant %s only; %s was requested"),
                              cordon_access_mode_to_label (cordon_query_result_get_access (result)),
                              cordon_access_mode_to_label (cordon_query_result_get_requested (result)));
    case CORDON_QUERY_REASON_NETWORK_ALLOWED:
      return g_strdup (_("Network: allowed — the program can connect anywhere"));
    case CORDON_QUERY_REASON_NETWORK_BLOCKED:
      return g_strdup (_("Network: blocked — no sockets but local UNIX sockets"));
    case CORDON_QUERY_REASON_GRANTED_SOCKET:
      /* Translators: "Connecting: allowed — socket rule /run/user/1000/pulse" */
      return g_strdup_printf (_("Connecting: allowed — socket rule %s"),
                              granted != NULL ? granted : "?");
    case CORDON_QUERY_REASON_SOCKET_NOT_GRANTED:
      return g_strdup (_("Connecting: denied — no socket rule lists it"));
    default:
      g_return_val_if_reached (NULL);
    }
}

void
cordon_app_splice_changed (GListStore *store,
                           GPtrArray  *items)
{
  GListModel *model = G_LIST_MODEL (store);
  guint old_n = g_list_model_get_n_items (model);
  guint new_n = items->len;
  guint head = 0, tail = 0;

  while (head < old_n && head < new_n)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, head);

      if (item != items->pdata[head])
        break;
      head++;
    }
  while (tail < old_n - head && tail < new_n - head)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, old_n - 1 - tail);

      if (item != items->pdata[new_n - 1 - tail])
        break;
      tail++;
    }
  if (head == old_n && head == new_n)
    return;
  g_list_store_splice (store, head, old_n - head - tail, items->pdata + head,
                       new_n - head - tail);
}
