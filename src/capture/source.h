/*
 * source.h - where packets come from: a capture file (pcap or pcapng, or
 * standard input) or a live interface, through libpcap; optionally a BPF
 * filter, and a pcap writer for -w.
 *
 * Live capture opens the interface as root and then drops to an
 * unprivileged user before the first packet is read (np_source_drop_root).
 * It is not in immediate mode: libpcap then uses TPACKET_V3, where the
 * kernel fills blocks of packets and wakes the reader once per block, or
 * after NP_SOURCE_TIMEOUT_MS when a block has packets but is not full, so
 * a packet waits at most that long and a busy link costs one wake-up per
 * few hundred packets instead of one per packet.
 *
 * Errors come back as a message that names the file or interface.
 * Not for: decoding; callers hand each packet to np_decode().
 */
#ifndef NP_SOURCE_H
#define NP_SOURCE_H

#include <pcap/pcap.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include "../util/progress.h"
#include "pcapmap.h"

typedef struct np_source {
	pcap_t *pcap;
	pcap_dumper_t *dumper; /* -w */
	const char *name;      /* file name or interface, for messages */
	bool live;
	bool nano;                      /* timestamps are nanoseconds */
	bool eof;                       /* a file has been read to its end */
	volatile sig_atomic_t stopping; /* np_source_break called, not yet answered by a loop */
	char *readbuf;                  /* our stdio buffer for a file (libpcap's is 4 KiB) */
	np_pcapmap map;                 /* a classic pcap file read from a mapping (pcapmap.h) until
				* a record libpcap must read (map.walking false then) */
	struct bpf_program prog;        /* the filter, for pcap_offline_filter on mapped records */
	bool data_kept;                 /* the caller keeps mapped packet bytes past the callback and
				* gives them back itself (np_source_release_before) */
	bool have_prog;
	char *writebuf; /* and for the -w file */
	int dlt;
	np_progress progress; /* a file's progress line (np_source_show_progress) */
	char err[PCAP_ERRBUF_SIZE + 256];
} np_source;

/* Open a capture file ("-" = standard input). Returns 0 or -1 (see err). */
int np_source_open_file(np_source *s, const char *path, bool nano);
#define NP_SOURCE_TIMEOUT_MS 100
/* Open an interface for live capture; buffer_kib is the kernel buffer
 * (tcpdump's -B, KiB), 0 for libpcap's default (2 MiB). */
int np_source_open_live(np_source *s, const char *iface, int snaplen, bool nano, int buffer_kib);
/* Compile and install a BPF filter expression. */
int np_source_set_filter(np_source *s, const char *expr);
/* A file being read shows its progress line on stderr (util/progress.h)
 * as mode says; nothing for a live capture. It ends when the loop reaches
 * the end of the file, or at np_source_close. */
void np_source_show_progress(np_source *s, enum np_progress_mode mode);
/* Write every packet read to `path` as pcap ("-" = standard output). */
int np_source_open_writer(np_source *s, const char *path);
/* Give up root: switch to `user` (and its groups). When not root, give up
 * any capabilities instead (the process keeps its user). */
int np_source_drop_root(np_source *s, const char *user);

typedef void (*np_packet_fn)(void *ctx, const struct pcap_pkthdr *h, const uint8_t *data);
/* Read up to `count` packets (0 = all). Returns 0 at end of input,
 * 1 when stopped by np_source_break, -1 on error (err says what). */
int np_source_loop(np_source *s, long count, np_packet_fn fn, void *ctx);
/* Read what is ready, at most `max` packets: returns the count (0 when a
 * live capture's timeout passed with nothing, or a file is at its end: see
 * np_source_at_end), -1 on error (err says what), -2 when broken off. */
int np_source_dispatch(np_source *s, int max, np_packet_fn fn, void *ctx);
bool np_source_at_end(const np_source *s);
/* Whether a packet's bytes stay valid after the callback (a mapped file's),
 * rather than only during it (libpcap's buffer). They do until np_source_close
 * when the caller set data_kept (and then gives them back with
 * np_source_release_before); otherwise only until the next packet, and a
 * mapped file's pages are given back behind the reading. */
static inline bool np_source_data_stable(const np_source *s, const uint8_t *data)
{
	return s->data_kept && np_pcapmap_holds(&s->map, data);
}
/* data_kept: nothing before `oldest` (a packet's bytes) is needed any more. */
static inline void np_source_release_before(np_source *s, const uint8_t *oldest)
{
	if (np_pcapmap_holds(&s->map, oldest))
		np_pcapmap_release(&s->map, (size_t)(oldest - s->map.base));
}
void np_source_break(np_source *s);
/* A live capture's kernel counters since it was opened (libpcap's
 * pcap_stats): packets that passed the filter, and of those the ones the
 * kernel dropped because the buffer was full. Call from one thread at a
 * time. false when not live or unknown. */
bool np_source_stats(np_source *s, uint64_t *received, uint64_t *dropped);
void np_source_close(np_source *s);

/* A packet's capture time in microseconds (a source opened with nano
 * carries nanoseconds in tv_usec). */
static inline int64_t np_source_packet_us(const np_source *s, const struct pcap_pkthdr *h)
{
	return (int64_t)h->ts.tv_sec * 1000000 + (s->nano ? h->ts.tv_usec / 1000 : h->ts.tv_usec);
}

/* "EN10MB (Ethernet)" style name of the link type. */
const char *np_source_linktype_name(const np_source *s, char *buf, size_t len);

#endif
