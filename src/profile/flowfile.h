/*
 * flowfile.h - flow records from files, for profiling without packets:
 * the CSV and JSON lines that `netprofile flows` writes, and text tables
 * with a header row in the layout of the seed article and SiLK's rwcut
 * (SIP DIP SPORT DPORT PROTOCOL PACKETS BYTES FLAGS STIME [DUR], optional
 * leading FLOW column; non-TCP rows have no FLAGS value).
 *
 * Real tables have typos: the reader takes what it can make sense of,
 * warns on stderr (naming file and line) about what was odd, and never
 * stops on a single bad row.
 */
#ifndef NP_FLOWFILE_H
#define NP_FLOWFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "../flow/flow.h"

/* Called per record; has_flags is false when the input carries no TCP flags. */
typedef void (*np_flowfile_fn)(void *ctx, const np_flow *f, bool has_flags);

/* Read every record of path ("-" = stdin). Returns records read, or -1 if
 * the file cannot be read at all (message in err). */
long np_flowfile_read(const char *path, np_flowfile_fn fn, void *ctx, char *err, size_t errlen);

#endif
