/* placeholder, replaced below */
#include "source.h"
static bool listen_takes(const char *spec) { (void)spec; return false; }
const struct np_flowsrc_ops np_flowsrc_listen = {"listen", NULL, listen_takes, NULL, NULL, NULL};
