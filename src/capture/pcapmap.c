/*
 * pcapmap.c - classic pcap files read from a memory mapping (see pcapmap.h).
 */
#include "pcapmap.h"

#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>

/* The four magics of classic pcap, as read in our byte order. */
#define MAGIC_MICRO 0xa1b2c3d4u
#define MAGIC_NANO 0xa1b23c4du

bool np_pcapmap_open(np_pcapmap *m, int fd, bool want_nano)
{
	memset(m, 0, sizeof(*m));
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size < 24)
		return false;
	void *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (p == MAP_FAILED)
		return false;
	m->base = p;
	m->size = (size_t)st.st_size;
	uint32_t magic;
	memcpy(&magic, m->base, 4);
	bool nano_file;
	if (magic == MAGIC_MICRO || magic == MAGIC_NANO) {
		nano_file = magic == MAGIC_NANO;
	} else if (__builtin_bswap32(magic) == MAGIC_MICRO || __builtin_bswap32(magic) == MAGIC_NANO) {
		m->swapped = true;
		nano_file = __builtin_bswap32(magic) == MAGIC_NANO;
	} else {
		np_pcapmap_close(m);
		return false;
	}
	/* Version 2.4 only: older files swap caplen and len, which libpcap
	 * straightens out itself. */
	uint16_t major, minor;
	memcpy(&major, m->base + 4, 2);
	memcpy(&minor, m->base + 6, 2);
	if (m->swapped) {
		major = __builtin_bswap16(major);
		minor = __builtin_bswap16(minor);
	}
	if (major != 2 || minor != 4) {
		np_pcapmap_close(m);
		return false;
	}
	m->snaplen = np_pcapmap_u32(m, m->base + 16);
	if (m->snaplen == 0 || m->snaplen > NP_PCAPMAP_MAX_CAPLEN)
		m->snaplen = NP_PCAPMAP_MAX_CAPLEN; /* libpcap's pcap_adjust_snapshot */
	m->ts_scale = nano_file == want_nano ? 0 : want_nano ? 1 : -1;
	m->off = 24;
	m->walking = true;
	madvise(p, m->size, MADV_SEQUENTIAL);
	return true;
}

/* Pages are given back in steps of this much: up to a step stays resident
 * behind the reading (it was 1 MiB; at 256 KiB, 4,096 madvise calls a GiB
 * of capture, no measurable time). */
#define RELEASE_STEP (256u << 10)

void np_pcapmap_release(np_pcapmap *m, size_t off)
{
	if (!m->base || off > m->size || off < m->released + RELEASE_STEP)
		return;
	size_t end = off & ~(size_t)(RELEASE_STEP - 1);
	madvise((void *)(m->base + m->released), end - m->released, MADV_DONTNEED);
	m->released = end;
}

void np_pcapmap_close(np_pcapmap *m)
{
	if (m->base)
		munmap((void *)m->base, m->size);
	memset(m, 0, sizeof(*m));
}
