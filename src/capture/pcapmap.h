/*
 * pcapmap.h - classic pcap files read straight from a memory mapping, for
 * speed: libpcap's file reader copies every record out of stdio's buffer
 * (itself a copy of the page cache), which was a fifth of a `flows -r` run.
 * A mapped file hands out pointers into the page cache instead.
 *
 * Only the easy road is taken here: a regular file in classic pcap format
 * (either byte order, micro- or nanosecond stamps) whose records are
 * plain (caplen within the file's snaplen and libpcap's limit, the record
 * whole). At the first record that is not, the walk stops and says where;
 * the caller hands that offset to libpcap, which reads the rest and words
 * any error exactly as it always has. pcapng, pipes and standard input
 * never come here.
 *
 * Not for: opening files for libpcap, filters or writers (source.c).
 */
#ifndef NP_PCAPMAP_H
#define NP_PCAPMAP_H

#include <pcap/pcap.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct np_pcapmap {
	const uint8_t *base; /* the mapping, NULL when not mapped; it stays until close,
			      * so records handed out stay valid after the walk ends */
	size_t size;
	size_t off;      /* the next record's header */
	bool walking;    /* records still come from the mapping */
	size_t released; /* pages before this offset were given back (np_pcapmap_release) */
	uint32_t snaplen;
	bool swapped; /* the file's byte order is not ours */
	int ts_scale; /* multiply (>0) or divide (<0) tv_usec by 1000, or 0 */
} np_pcapmap;

/* Map `fd` if it is a regular classic pcap file; `want_nano` is the
 * precision the caller asked libpcap for. Returns true when mapped. */
bool np_pcapmap_open(np_pcapmap *m, int fd, bool want_nano);

/* The next record, or false: at the end of the file (off == size), or at
 * a record the mapping does not take (off < size: hand over to libpcap at
 * m->off, and clear m->walking). */
static inline bool np_pcapmap_next(np_pcapmap *m, struct pcap_pkthdr *h, const uint8_t **data);

void np_pcapmap_close(np_pcapmap *m);

/* Give back the pages before `off` (nothing may point there any more): a
 * mapped file's pages count in the process's resident memory until then.
 * Cheap to call often: it acts once every few megabytes. */
void np_pcapmap_release(np_pcapmap *m, size_t off);

/* Whether `p` points into the mapping: such bytes stay valid until close. */
static inline bool np_pcapmap_holds(const np_pcapmap *m, const uint8_t *p)
{
	return m->base && p >= m->base && p < m->base + m->size;
}

/* ---- inline: the per-packet step ------------------------------------------------ */

#define NP_PCAPMAP_MAX_CAPLEN 262144u /* libpcap's largest snapshot for most link types */

static inline uint32_t np_pcapmap_u32(const np_pcapmap *m, const uint8_t *p)
{
	uint32_t v;
	__builtin_memcpy(&v, p, 4);
	return m->swapped ? __builtin_bswap32(v) : v;
}

static inline bool np_pcapmap_next(np_pcapmap *m, struct pcap_pkthdr *h, const uint8_t **data)
{
	if (m->size - m->off < 16)
		return false;
	const uint8_t *r = m->base + m->off;
	uint32_t caplen = np_pcapmap_u32(m, r + 8);
	if (caplen > m->snaplen || caplen > NP_PCAPMAP_MAX_CAPLEN || m->size - m->off - 16 < caplen)
		return false;
	/* Signed, as libpcap's struct pcap_timeval has them (a stamp past
	 * 2038 reads as one before 1970, as it does through libpcap). */
	int32_t frac = (int32_t)np_pcapmap_u32(m, r + 4);
	h->ts.tv_sec = (time_t)(int32_t)np_pcapmap_u32(m, r);
	h->ts.tv_usec = m->ts_scale > 0 ? (suseconds_t)frac * 1000 : m->ts_scale < 0 ? frac / 1000 : frac;
	h->caplen = caplen;
	h->len = np_pcapmap_u32(m, r + 12);
	*data = r + 16;
	m->off += 16 + (size_t)caplen;
	return true;
}

#endif
