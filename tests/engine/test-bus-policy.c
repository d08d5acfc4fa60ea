/* test-bus-policy.c: the session bus policy, in the set and in profiles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "cordon.h"

static void
test_bus_policy (void)
{
  g_autoptr(CordonBusPolicy) policy = cordon_bus_policy_new ();
  g_autoptr(CordonBusPolicy) copy = NULL;
  g_autoptr(GError) error = NULL;
  static const char * const bad[] = {
    "", ":1.42", "org", "org.*", "*", "org..x", "1org.x", "org.x.", "-org.x", "org.x*",
    "--talk=org.x", "org.x.**",
  };
  const char *talk_after[] = { "org.a.B", NULL };
  const char *own_after[] = { "org.freedesktop.portal.*", NULL };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_test_message ("%s", bad[i]);
      g_assert_false (cordon_bus_policy_add (policy, bad[i], CORDON_BUS_ACCESS_TALK, &error));
      g_assert_error (error, CORDON_ERROR, CORDON_ERROR_INVALID_BUS_NAME);
      g_clear_error (&error);
    }

  g_assert_true (cordon_bus_policy_add (policy, "org.freedesktop.portal.*",
                                        CORDON_BUS_ACCESS_TALK, NULL));
  g_assert_true (cordon_bus_policy_add (policy, "org.a.B", CORDON_BUS_ACCESS_TALK, NULL));
  /* Own includes talk: the wider access wins, and never narrows. */
  g_assert_true (cordon_bus_policy_add (policy, "org.freedesktop.portal.*",
                                        CORDON_BUS_ACCESS_OWN, NULL));
  g_assert_true (cordon_bus_policy_add (policy, "org.freedesktop.portal.*",
                                        CORDON_BUS_ACCESS_TALK, NULL));
  g_assert_true (g_strv_equal (cordon_bus_policy_get_talk (policy), talk_after));
  g_assert_true (g_strv_equal (cordon_bus_policy_get_own (policy), own_after));

  copy = cordon_bus_policy_copy (policy);
  g_assert_true (cordon_bus_policy_equal (policy, copy));
  g_assert_true (cordon_bus_policy_remove (copy, "org.a.B"));
  g_assert_false (cordon_bus_policy_remove (copy, "org.a.B"));
  g_assert_false (cordon_bus_policy_equal (policy, copy));
  g_assert_cmpint (cordon_bus_policy_lookup (copy, "org.a.B"), ==, CORDON_BUS_ACCESS_NONE);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    data)
{
  (*(guint *) data)++;
}

static void
test_bus_policy_in_set (void)
{
  g_autoptr(CordonCapabilitySet) caps = cordon_capability_set_new ();
  g_autoptr(CordonCapabilitySet) copy = NULL;
  g_autoptr(CordonBusPolicy) policy = cordon_bus_policy_new ();
  g_autofree char *summary = NULL;
  guint notified = 0;

  g_assert_null (cordon_capability_set_get_bus_policy (caps));
  g_signal_connect (caps, "notify::bus-policy", G_CALLBACK (count_notify), &notified);

  cordon_capability_set_set_bus_policy (caps, policy);
  g_assert_cmpuint (notified, ==, 1);
  /* Editing the names is a change of the set too: a document marks itself
   * modified from this one signal. */
  g_assert_true (cordon_bus_policy_add (policy, "org.a11y.Bus", CORDON_BUS_ACCESS_TALK, NULL));
  g_assert_true (cordon_bus_policy_add (policy, "org.example.App", CORDON_BUS_ACCESS_OWN, NULL));
  g_assert_cmpuint (notified, ==, 3);

  summary = cordon_capability_set_summary (caps);
  g_assert_nonnull (strstr (summary, "Session bus:\n  filtered\n  org.a11y.Bus [talk]\n"
                                     "  org.example.App [own]\n"));

  /* A copy's policy is its own. */
  copy = cordon_capability_set_copy (caps);
  g_assert_true (cordon_capability_set_get_bus_policy (copy) != policy);
  g_assert_true (cordon_bus_policy_equal (cordon_capability_set_get_bus_policy (copy), policy));
  cordon_bus_policy_remove (cordon_capability_set_get_bus_policy (copy), "org.a11y.Bus");
  g_assert_cmpint (cordon_bus_policy_lookup (policy, "org.a11y.Bus"), ==, CORDON_BUS_ACCESS_TALK);
  g_assert_cmpuint (notified, ==, 3);

  /* Back to no bus; the old policy no longer speaks for the set. */
  cordon_capability_set_set_bus_policy (caps, NULL);
  g_assert_cmpuint (notified, ==, 4);
  cordon_bus_policy_remove (policy, "org.a11y.Bus");
  g_assert_cmpuint (notified, ==, 4);
}

static void
assert_refused (const char *json,
                const char *words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CordonSandboxState) state = cordon_sandbox_state_from_json (json, -1, &error);

  g_assert_null (state);
  g_assert_error (error, CORDON_ERROR, CORDON_ERROR_INVALID_STATE);
  if (strstr (error->message, words) == NULL)
    g_error ("“%s” does not say “%s”", error->message, words);
}

static void
test_profile (void)
{
  static const char seed[] = "{\n  \"fs\": [],\n  \"net_blocked\": true\n}\n";
  static const char with_bus[] =
    "{\n"
    "  \"fs\": [],\n"
    "  \"dbus_session\": {\n"
    "    \"talk\": [\"org.freedesktop.portal.*\", \"org.a11y.Bus\"],\n"
    "    \"own\": [\"org.example.App\"]\n"
    "  },\n"
    "  \"net_blocked\": true\n"
    "}\n";
  static const char empty_bus[] =
    "{\n"
    "  \"fs\": [],\n"
    "  \"dbus_session\": {\n"
    "    \"talk\": [],\n"
    "    \"own\": []\n"
    "  },\n"
    "  \"net_blocked\": true\n"
    "}\n";
  const char * const texts[] = { with_bus, empty_bus };
  g_autoptr(GError) error = NULL;
  g_autoptr(CordonSandboxState) state = NULL;
  g_autoptr(CordonCapabilitySet) caps = NULL;
  g_autofree char *json = NULL;

  /* No key: no bus, and the seed format is written back as it was. */
  state = cordon_sandbox_state_from_json (seed, -1, &error);
  g_assert_no_error (error);
  caps = cordon_sandbox_state_to_caps (state, &error);
  g_assert_no_error (error);
  g_assert_null (cordon_capability_set_get_bus_policy (caps));
  g_clear_object (&state);
  state = cordon_sandbox_state_from_caps (caps);
  json = cordon_sandbox_state_to_json (state, CORDON_STATE_FORMAT_CORDON);
  g_assert_cmpstr (json, ==, seed);

  /* A filtered bus, even with no names, survives a round trip in both
   * formats: "no bus" and "a bus with nothing on it" differ. */
  for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
    for (int format = CORDON_STATE_FORMAT_CORDON; format <= CORDON_STATE_FORMAT_NATIVE; format++)
      {
        g_clear_object (&state);
        g_clear_object (&caps);
        g_clear_pointer (&json, g_free);
        state = cordon_sandbox_state_from_json (texts[i], -1, &error);
        g_assert_no_error (error);
        caps = cordon_sandbox_state_to_caps (state, &error);
        g_assert_no_error (error);
        g_assert_nonnull (cordon_capability_set_get_bus_policy (caps));
        g_clear_object (&state);
        state = cordon_sandbox_state_from_caps (caps);
        json = cordon_sandbox_state_to_json (state, format);
        g_assert_cmpstr (json, ==, texts[i]);
      }

  assert_refused ("{\"fs\": [], \"net_blocked\": true, \"dbus_session\": true}",
                  "dbus_session: expected an object");
  assert_refused ("{\"fs\": [], \"net_blocked\": true, \"dbus_session\": {\"talk\": \"a.b\"}}",
                  "dbus_session.talk: expected a list");
  assert_refused ("{\"fs\": [], \"net_blocked\": true,"
                  " \"dbus_session\": {\"own\": [\"a.b\", \":1.7\"]}}",
                  "dbus_session.own[1]: “:1.7” is not a bus name");
  assert_refused ("{\"fs\": [], \"net_blocked\": true, \"dbus_session\": {\"talk\": [null]}}",
                  "dbus_session.talk[0]: expected a bus name");
}

/* GIO's answer, with the leading "-" Cordon refuses on purpose. */
static gboolean
gio_accepts (const char *name)
{
  return name[0] != '-' && g_dbus_is_name (name) && !g_dbus_is_unique_name (name);
}

static void
assert_as_gio (const char *name)
{
  gboolean ours = cordon_bus_policy_check_name (name, NULL);

  if (g_str_has_suffix (name, ".*"))
    return;
  if (ours != gio_accepts (name))
    g_error ("“%s”: Cordon says %s, GIO says %s", name, ours ? "valid" : "invalid",
             ours ? "invalid" : "valid");
}

/* The engine checks names itself (no GIO); it must agree with GIO. */
static void
test_names_as_gio (void)
{
  static const char *const names[] = {
    "", ".", "a", "a.", ".a", "a.b", "a..b", "a.b.", "a.0", "a0.b1", "0a.b", "a.0b", "_a._b",
    "-a.b", "a.-b", "a-.b-c", "a.b-", ":1.42", ":a.b", "a:b.c", "a.b:", "org.gnome.Foo",
    "org.gnome.Foo.*", "a.b c", "a.b\tc", "é.b", "a.é", "org.freedesktop.DBus",
  };
  static const char alphabet[] = "aZ09_-.:.$";
  g_autofree char *longest = NULL;
  g_autofree char *too_long = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    assert_as_gio (names[i]);

  longest = g_strnfill (255, 'a');
  longest[1] = '.';
  too_long = g_strconcat (longest, "a", NULL);
  g_assert_true (cordon_bus_policy_check_name (longest, NULL));
  assert_as_gio (longest);
  assert_as_gio (too_long);

  for (guint i = 0; i < 200000; i++)
    {
      char name[9];
      guint length = g_test_rand_int_range (0, sizeof name);

      for (guint k = 0; k < length; k++)
        name[k] = alphabet[g_test_rand_int_range (0, sizeof alphabet - 1)];
      name[length] = '\0';
      assert_as_gio (name);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bus-policy/names", test_bus_policy);
  g_test_add_func ("/bus-policy/names-as-gio", test_names_as_gio);
  g_test_add_func ("/bus-policy/in-set", test_bus_policy_in_set);
  g_test_add_func ("/bus-policy/profile", test_profile);

  return g_test_run ();
}
