/* test-window.c: placeholder while the window tests are written */
#include "config.h"
#include "app-test-util.h"
int
main (int argc, char *argv[])
{
  g_autoptr(CordonApplication) app = app_test_init (&argc, &argv);
  return g_test_run ();
}
