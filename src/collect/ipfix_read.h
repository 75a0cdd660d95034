/*
 * collect/ipfix_read.h - ipfix.c's record reading, for netflow9.c: NetFlow
 * v9 reaches us as IPFIX through libfixbuf's translator, and its records
 * are read as IPFIX records are (templates sorted by the same callback,
 * records turned into flows by the same code).
 *
 * A reader (np_ipfix_decoder) holds one exporter's template bookkeeping
 * and hands its records to that exporter. A session made by
 * np_ipfix_reader_session carries our internal templates and a template
 * callback that reports to *current: whoever reads from the session sets
 * *current to its reader first.
 *
 * Not for: anything but collect/ (ipfix.c and netflow9.c).
 */
#ifndef NP_COLLECT_IPFIX_READ_H
#define NP_COLLECT_IPFIX_READ_H

#include <fixbuf/public.h>

#include "source.h"

typedef struct np_ipfix_decoder np_ipfix_decoder;

/* A reader for ex without a session of its own. */
np_ipfix_decoder *np_ipfix_reader_new(np_exporter *ex);
void np_ipfix_reader_free(np_ipfix_decoder *d);
/* Templates it was sent since made (or forgotten). */
uint64_t np_ipfix_reader_templates(const np_ipfix_decoder *d);
/* Its templates are gone (the session that held them was dropped). */
void np_ipfix_reader_forget(np_ipfix_decoder *d);

/* A collecting session with the internal templates and the callback;
 * NULL when out of memory. np_ipfix_reader_session_done once it is freed. */
fbSession_t *np_ipfix_reader_session(np_ipfix_decoder **current);
void np_ipfix_reader_session_done(void);

/* The records of the message fbuf holds (manual mode), up to its end, to
 * d's exporter. 0, or -1 with err when libfixbuf refused the message. */
int np_ipfix_reader_read(np_ipfix_decoder *d, fBuf_t *fbuf, char *err, size_t errlen);

#endif
