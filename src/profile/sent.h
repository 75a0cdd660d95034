/*
 * sent.h - continuous profiling (watch): which rows the inventory already
 * holds from the batch merged before, so that a batch leaves out what the
 * flows still open would only nudge. Every commit decides the open flows
 * again (a long idle timeout keeps most of a busy link's flows open), and
 * each row sent costs a lookup and an update in the store.
 *
 * Client rows left out, of open flows only (no flows to add):
 * - a row stored with a first seen no later, whose last seen moved by less
 *   than the refresh interval (np_sent_new) since it was written;
 * - a new client of a server already stored, whose flows began less than
 *   the refresh interval before their newest packet: its row is written
 *   when one of them ends (flows to add) or grows that old.
 * A server not stored yet keeps every client row: its alert counts them,
 * and whoever reads the inventory after the alert finds who talked to it.
 *
 * Server rows: a server the batch before stored is marked stored (its row
 * is there: the store need not look for it, no alert is raised for it),
 * and unchanged when its upsert would change nothing but a last seen
 * within the refresh interval (no counts, no client row left to send, no
 * ties; first seen, confidence, status and service within what was
 * stored), which the merge then leaves out.
 *
 * With a refresh interval of 0 only no-op updates are left out, and the
 * inventory ends the same. With one, a row's last seen may lag its open
 * flows by up to the interval (and a commit); when they end, the flows
 * and times they bring make it exact. Memory: one entry per client row and
 * per server of the last batch.
 *
 * Not for: storage (inventory.h), deciding (profiler.h).
 */
#ifndef NP_SENT_H
#define NP_SENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "profiler.h"

typedef struct np_sent np_sent;

/* refresh_us: the refresh interval above (0: none) of client rows;
 * server_refresh_us that of server rows (0 where their last seen must be
 * exact: the quiet check reads it). NULL when out of memory; the
 * functions below then leave all rows in. */
np_sent *np_sent_new(int64_t refresh_us, int64_t server_refresh_us);
void np_sent_free(np_sent *s);
/* Leave out of servers (sorted as np_profiler_servers gives them) the
 * client rows the store holds already, and mark the servers stored and
 * unchanged (see above); what is left goes to the store. Returns how many
 * client rows were left out. */
size_t np_sent_filter(np_sent *s, np_server *servers, size_t n);
/* The batch filtered last was stored (true: remember what it held, as the
 * store now holds it) or not (false: forget everything). */
void np_sent_stored(np_sent *s, bool ok);

#endif
