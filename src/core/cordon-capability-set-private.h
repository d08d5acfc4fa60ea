/* cordon-capability-set-private.h: adding many rules at once, for loaders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sys/types.h>

#include "cordon-capability-set.h"
#include "cordon-path-private.h"

G_BEGIN_DECLS

/* allow_path (or allow_file when @is_file) with @resolver remembering the
 * parent directories of a batch of rules: same results, same errors. The
 * rule keeps @recorded (may be NULL), the canonical path a profile holds. */
gboolean cordon_capability_set_allow_with (CordonCapabilitySet *self,
                                           CordonPathResolver  *resolver,
                                           const char          *path,
                                           const char          *recorded,
                                           CordonAccessMode     mode,
                                           gboolean             is_file,
                                           GError             **error);

/* allow_socket as the profile recorded it: @is_file says which kind the
 * path must still be (EXPECTED_FILE / EXPECTED_DIRECTORY otherwise). */
gboolean cordon_capability_set_allow_socket_with (CordonCapabilitySet *self,
                                                  CordonPathResolver  *resolver,
                                                  const char          *path,
                                                  gboolean             is_file,
                                                  GError             **error);

/* cordon_capability_set_check_links(); with @keep, a redirected rule is
 * flagged (replaced by a copy with its planted link) instead. */
gboolean cordon_capability_set_scan_links (CordonCapabilitySet *self,
                                           gboolean             keep,
                                           GError             **error);

/* A copy with the socket rules and the network setting only: what the
 * socket mediator judges by, without a reference to each of thousands of
 * filesystem rules (taken at launch, dropped at the end). */
CordonCapabilitySet *cordon_capability_set_copy_sockets (CordonCapabilitySet *self);

/* A filesystem rule's fields, as its CordonFsCapability's getters give
 * them, for loops over thousands of rules at every launch: no object is
 * made or referenced. The strings are borrowed, valid until the set
 * changes. */
typedef struct
{
  const char       *original;
  const char       *resolved;
  const char       *recorded;     /* NULL: not loaded from a profile */
  const char       *planted_link; /* NULL: none */
  CordonAccessMode  access;
  gboolean          is_file;
  gboolean          unchecked;    /* cordon_fs_capability_is_unchecked () */
} CordonRuleView;

/* The rule at @position (which must be one). */
void cordon_capability_set_peek_rule (CordonCapabilitySet *self,
                                      guint                position,
                                      CordonRuleView      *view);

/* A rule to load unchecked: what cordon_fs_capability_new_unchecked ()
 * takes. @original may be @recorded itself. */
typedef struct
{
  const char       *original;
  const char       *recorded;
  CordonAccessMode  access;
  gboolean          is_file;
} CordonUncheckedRule;

/* Appends @n rules loaded unchecked, the same as appending
 * cordon_fs_capability_new_unchecked () of each, telling listeners once.
 * Their objects are made only when asked for (a launch never asks). Their
 * strings are copied, unless @strings keeps them (then the set keeps a
 * reference to it instead). */
void cordon_capability_set_append_unchecked (CordonCapabilitySet       *self,
                                             const CordonUncheckedRule *rules,
                                             guint                      n,
                                             GBytes                    *strings);

/* A copy of @self with every unchecked rule (cordon_fs_capability_new_unchecked)
 * resolved and checked as loading the profile does, then the links scanned:
 * NULL with loading's own error (PATH_NOT_FOUND, EXPECTED_FILE or
 * EXPECTED_DIRECTORY, INVALID_PATH for a planted link) when loading would
 * have refused. */
CordonCapabilitySet *cordon_capability_set_check_unchecked (CordonCapabilitySet *self,
                                                            GError             **error);

/* The same for one local-socket rule loaded from a profile that recorded
 * @recorded; no flagging, it fails. */
gboolean cordon_capability_set_check_socket_link (CordonCapabilitySet    *self,
                                                  CordonSocketCapability *socket,
                                                  const char             *recorded,
                                                  GError                **error);

/* The inode (device, number) a socket rule's path held when the rule was
 * made; known is FALSE for a rule inserted as is (undo of a rule made
 * elsewhere, a vanished path). */
typedef struct
{
  dev_t    dev;
  ino_t    ino;
  gboolean known;
} CordonSocketPin;

/* Asked for each rule that covers a path, by path: the file rule naming it,
 * then folder rules from the nearest up; TRUE accepts it. */
typedef gboolean (*CordonSocketRuleCheck) (const char            *rule_path,
                                           gboolean               is_file,
                                           const CordonSocketPin *pin,
                                           gpointer               data);

/* cordon_capability_set_socket_covered(), where a rule also has to pass
 * @check (NULL: every covering rule does); rules without a known pin never
 * pass a check. The mediator uses it to ask whether the socket found is the
 * one the rule meant (Landlock ABI 9 grants inodes, not paths). */
gboolean cordon_capability_set_socket_covered_by (CordonCapabilitySet  *self,
                                                  const char           *canonical_path,
                                                  CordonSocketRuleCheck check,
                                                  gpointer              data);

G_END_DECLS
