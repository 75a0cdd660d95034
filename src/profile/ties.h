/*
 * ties.h - a server's ties: the connections that belong to it though they
 * name no server of their own (FTP data connections, PPTP's GRE), as text:
 * comma-separated entries ("ftp-data:active/20,ftp-data:passive/50011",
 * "gre"), each once, whole entries only, and ",..." after the last entry
 * when one more had no room. The profiler builds a batch's list; the
 * stores merge a batch's into the stored list by the same rule (sqlite.c
 * through np_ties_merge, postgres.c in its SQL), so a server's ties stay
 * within NP_TIES_SIZE however long `watch` runs.
 *
 * Not for: deciding what is tied to what (profiler.c).
 */
#ifndef NP_TIES_H
#define NP_TIES_H

#include <stdbool.h>
#include <stddef.h>

/* Bytes of a list, with its terminating NUL. */
#define NP_TIES_SIZE 128

/* Add the entry (len bytes, no comma) to the list (size bytes, a string)
 * unless it is there. An entry is added only if ",..." would still fit
 * after it; one that does not, or an entry "...", ends the list with
 * ",..." and nothing is added after. False when the list is full. */
bool np_ties_add(char *ties, size_t size, const char *entry, size_t len);

/* Add each entry of the list `add`, in order, to `ties`. */
void np_ties_merge(char *ties, size_t size, const char *add);

#endif
