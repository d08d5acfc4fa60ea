/* fuzz-query-path.c: the query canonicalizer and a query on a small set
 *
 * The first byte chooses the mode asked about and whether the rest is
 * taken under FUZZ_TREE (so the fuzzer meets the tree's links quickly);
 * the rest, up to a NUL, is the path. For paths that exist, the answer
 * must be realpath()'s; every query must give a result or a CORDON_ERROR.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "cordon.h"
#include "cordon-path-private.h"
#include "fuzz-tree.h"

/* libFuzzer gives no other way to keep what LLVMFuzzerInitialize built. */
static CordonQueryContext *query_context;
static CordonCapabilitySet *query_caps;

static void
require (gboolean    condition,
         const char *what,
         const char *path)
{
  if (!condition)
    {
      g_printerr ("fuzz-query-path: invariant broken for “%s”: %s\n", path, what);
      abort ();
    }
}

static void
check_canonical (const char *path,
                 const char *canonical)
{
  require (canonical[0] == '/', "canonical paths are absolute", path);
  require (strstr (canonical, "//") == NULL, "no empty component", path);
  require (strstr (canonical, "/./") == NULL && !g_str_has_suffix (canonical, "/."),
           "no “.” component", path);
  require (strstr (canonical, "/../") == NULL && !g_str_has_suffix (canonical, "/.."),
           "no “..” component", path);
  require (g_str_equal (canonical, "/") || !g_str_has_suffix (canonical, "/"),
           "no trailing slash", path);
  require (g_utf8_validate (canonical, -1, NULL), "valid UTF-8", path);
}

static void
check_result (const char        *path,
              CordonQueryResult *result)
{
  g_autofree char *json = cordon_query_result_to_json (result);
  g_autoptr (JsonParser) parser = json_parser_new ();

  require (json_parser_load_from_data (parser, json, -1, NULL), "the result is JSON", path);
  require (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)), "the result is an object",
           path);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();
  g_autoptr (GError) error = NULL;

  fuzz_make_warnings_fatal ();
  fuzz_tree_create ();

  if (!cordon_capability_set_allow_path (caps, FUZZ_TREE "/a", CORDON_ACCESS_READ_WRITE, &error)
      || !cordon_capability_set_allow_path (caps, FUZZ_TREE "/ro", CORDON_ACCESS_READ, &error)
      || !cordon_capability_set_allow_path (caps, FUZZ_TREE "/a/b", CORDON_ACCESS_READ, &error)
      || !cordon_capability_set_allow_file (caps, FUZZ_TREE "/ro/h", CORDON_ACCESS_WRITE, &error)
      || !cordon_capability_set_allow_file (caps, FUZZ_TREE "/fifo", CORDON_ACCESS_READ, &error)
      || !cordon_capability_set_allow_socket (caps, FUZZ_TREE "/a/sock", &error)
      || !cordon_capability_set_allow_socket (caps, FUZZ_TREE "/ro", &error))
    g_error ("fuzz-query-path: cannot build the capability set: %s", error->message);

  query_context = cordon_query_context_new (caps);
  query_caps = g_object_ref (caps);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const CordonAccessMode modes[] = {
    CORDON_ACCESS_READ, CORDON_ACCESS_WRITE, CORDON_ACCESS_READ_WRITE,
  };
  g_autofree char *path = NULL;
  g_autofree char *canonical = NULL;
  g_autofree char *real = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (CordonQueryResult) result = NULL;
  CordonAccessMode mode;
  gsize len;

  if (size < 1)
    return 0;
  mode = modes[data[0] % G_N_ELEMENTS (modes)];
  len = strnlen ((const char *) data + 1, size - 1);
  if (data[0] & 0x80)
    path = g_strndup ((const char *) data + 1, len);
  else
    {
      g_autofree char *tail = g_strndup ((const char *) data + 1, len);
      path = g_strconcat (FUZZ_TREE "/", tail, NULL);
    }

  canonical = cordon_path_canonicalize_for_query (path, &error);
  if (canonical == NULL)
    require (error != NULL && error->domain == CORDON_ERROR
               && g_utf8_validate (error->message, -1, NULL),
             "fails with a CORDON_ERROR in words", path);
  else
    {
      check_canonical (path, canonical);
      /* Where the whole path exists inside the tree, the kernel's walk and
       * realpath() agree; so must we. */
      real = g_str_has_prefix (path, FUZZ_TREE "/") ? realpath (path, NULL) : NULL;
      if (real != NULL && g_str_has_prefix (real, FUZZ_TREE "/"))
        require (g_str_equal (real, canonical), "equals realpath() for an existing path", path);
    }
  g_clear_error (&error);

  result = cordon_query_context_query_path (query_context, path, mode, &error);
  if (result == NULL)
    require (error != NULL && error->domain == CORDON_ERROR
               && g_utf8_validate (error->message, -1, NULL),
             "query fails with a CORDON_ERROR in words", path);
  else
    check_result (path, result);

  /* The socket query and the mediator's lookup must agree on every path. */
  g_clear_error (&error);
  g_clear_object (&result);
  result = cordon_query_context_query_socket (query_context, path, &error);
  require ((result == NULL) == (canonical == NULL), "query_socket fails where the walk fails",
           path);
  if (result != NULL)
    {
      check_result (path, result);
      require (cordon_query_result_is_allowed (result)
                 == cordon_capability_set_socket_covered (query_caps, canonical),
               "query_socket agrees with socket_covered", path);
    }

  return 0;
}
