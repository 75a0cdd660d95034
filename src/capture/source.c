/*
 * source.c - libpcap-backed packet sources (see source.h).
 */
#define _GNU_SOURCE
#include "source.h"

#include <errno.h>
#include <grp.h>
#include <linux/capability.h>
#include <pwd.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#define READ_BUFFER_SIZE (1u << 20)

static void source_init(np_source *s, const char *name)
{
	memset(s, 0, sizeof(*s));
	s->name = name;
}

/* Open path ("-": the standard stream) with a stdio buffer of our own,
 * READ_BUFFER_SIZE bytes kept in *buf; NULL with s->err set. */
static FILE *open_buffered(np_source *s, const char *path, bool writing, char **buf)
{
	FILE *fp = strcmp(path, "-") == 0 ? (writing ? stdout : stdin) : fopen(path, writing ? "wb" : "rb");
	if (!fp) {
		snprintf(s->err, sizeof(s->err), "%s: %s", path, strerror(errno));
		return NULL;
	}
	*buf = malloc(READ_BUFFER_SIZE);
	if (*buf)
		setvbuf(fp, *buf, _IOFBF, READ_BUFFER_SIZE);
	return fp;
}

int np_source_open_file(np_source *s, const char *path, bool nano)
{
	char ebuf[PCAP_ERRBUF_SIZE] = "";
	source_init(s, path);
	s->nano = nano;
	/* Open the file ourselves to give it a 1 MiB buffer: with libpcap's
	 * default stdio buffer reading costs a read() every 4 KiB, a third of
	 * the time of a flow run. libpcap closes the file in pcap_close. */
	FILE *fp = open_buffered(s, path, false, &s->readbuf);
	if (!fp)
		return -1;
	/* One thread reads the file (flow/pipeline.c may make it not the main
	 * one): stdio need not take its lock twice a packet. */
	__fsetlocking(fp, FSETLOCKING_BYCALLER);
	s->pcap = pcap_fopen_offline_with_tstamp_precision(
		fp, nano ? PCAP_TSTAMP_PRECISION_NANO : PCAP_TSTAMP_PRECISION_MICRO, ebuf);
	if (!s->pcap) {
		if (fp != stdin)
			fclose(fp);
		free(s->readbuf);
		s->readbuf = NULL;
		/* libpcap names the file for open errors, not for format errors. */
		if (strncmp(ebuf, path, strlen(path)) == 0)
			snprintf(s->err, sizeof(s->err), "%s", ebuf);
		else
			snprintf(s->err, sizeof(s->err), "%s: %s", path, ebuf);
		return -1;
	}
	s->dlt = pcap_datalink(s->pcap);
	if (fp != stdin)
		np_pcapmap_open(&s->map, fileno(fp), nano);
	return 0;
}

int np_source_open_live(np_source *s, const char *iface, int snaplen, bool nano, int buffer_kib)
{
	char ebuf[PCAP_ERRBUF_SIZE] = "";
	source_init(s, iface);
	s->live = true;
	s->nano = nano;
	s->pcap = pcap_create(iface, ebuf);
	if (!s->pcap) {
		snprintf(s->err, sizeof(s->err), "%s: %s", iface, ebuf);
		return -1;
	}
	pcap_set_snaplen(s->pcap, snaplen > 0 ? snaplen : 262144);
	pcap_set_promisc(s->pcap, 1);
	pcap_set_timeout(s->pcap, NP_SOURCE_TIMEOUT_MS);
	if (buffer_kib > 0)
		pcap_set_buffer_size(s->pcap, buffer_kib * 1024);
	if (nano)
		pcap_set_tstamp_precision(s->pcap, PCAP_TSTAMP_PRECISION_NANO);
	int rc = pcap_activate(s->pcap);
	if (rc < 0) {
		snprintf(s->err, sizeof(s->err), "%s: %s", iface, pcap_geterr(s->pcap));
		pcap_close(s->pcap);
		s->pcap = NULL;
		return -1;
	}
	s->dlt = pcap_datalink(s->pcap);
	return 0;
}

int np_source_set_filter(np_source *s, const char *expr)
{
	struct bpf_program prog;
	if (!expr || !*expr)
		return 0;
	if (pcap_compile(s->pcap, &prog, expr, 1, PCAP_NETMASK_UNKNOWN) < 0) {
		snprintf(s->err, sizeof(s->err), "bad filter expression '%s': %s", expr, pcap_geterr(s->pcap));
		return -1;
	}
	int rc = pcap_setfilter(s->pcap, &prog);
	if (s->map.walking && rc == 0) {
		if (s->have_prog)
			pcap_freecode(&s->prog);
		s->prog = prog; /* mapped records are filtered with it */
		s->have_prog = true;
	} else {
		pcap_freecode(&prog);
	}
	if (rc < 0) {
		snprintf(s->err, sizeof(s->err), "%s: cannot set filter: %s", s->name, pcap_geterr(s->pcap));
		return -1;
	}
	return 0;
}

/* How far a file has been read: the mapping's next record while it is
 * walked, else the stream's position (-1 on a pipe). */
static int64_t read_position(void *ctx)
{
	const np_source *s = ctx;
	if (s->map.walking)
		return (int64_t)s->map.off;
	FILE *f = pcap_file(s->pcap);
	return f ? (int64_t)ftello(f) : -1;
}

void np_source_show_progress(np_source *s, enum np_progress_mode mode)
{
	FILE *f = s->pcap && !s->live ? pcap_file(s->pcap) : NULL;
	if (f)
		np_progress_start(&s->progress, fileno(f), s->name, mode, read_position, s);
}

int np_source_open_writer(np_source *s, const char *path)
{
	/* Our own FILE with a 1 MiB buffer, as for reading: stdio's 4 KiB
	 * would cost a write() every ten packets of a busy link. */
	FILE *fp = open_buffered(s, path, true, &s->writebuf);
	if (!fp)
		return -1;
	s->dumper = pcap_dump_fopen(s->pcap, fp);
	if (!s->dumper) {
		snprintf(s->err, sizeof(s->err), "%s: %s", path, pcap_geterr(s->pcap));
		if (fp != stdout)
			fclose(fp);
		free(s->writebuf);
		s->writebuf = NULL;
		return -1;
	}
	return 0;
}

/* Not root, but maybe given CAP_NET_RAW/CAP_NET_ADMIN to open the
 * interface (systemd's AmbientCapabilities, setcap): give them up, the
 * socket is open. Clearing one's own capability sets is always allowed. */
static int drop_capabilities(np_source *s)
{
	struct __user_cap_header_struct hdr = {_LINUX_CAPABILITY_VERSION_3, 0};
	struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3];
	memset(data, 0, sizeof(data));
	prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
	if (syscall(SYS_capset, &hdr, data) != 0) {
		snprintf(s->err, sizeof(s->err), "cannot drop capabilities: %s", strerror(errno));
		return -1;
	}
	return 0;
}

int np_source_drop_root(np_source *s, const char *user)
{
	if (geteuid() != 0 && getuid() != 0)
		return drop_capabilities(s);
	struct passwd *pw = getpwnam(user);
	if (!pw) {
		snprintf(s->err, sizeof(s->err), "cannot drop privileges: no user '%s'", user);
		return -1;
	}
	if (initgroups(pw->pw_name, pw->pw_gid) != 0 || setgid(pw->pw_gid) != 0 || setuid(pw->pw_uid) != 0) {
		snprintf(s->err, sizeof(s->err), "cannot drop privileges to '%s': %s", user, strerror(errno));
		return -1;
	}
	if (setuid(0) == 0) {
		snprintf(s->err, sizeof(s->err), "cannot drop privileges to '%s': root regained", user);
		return -1;
	}
	return 0;
}

struct loop_ctx {
	np_source *s;
	np_packet_fn fn;
	void *ctx;
};

static void loop_cb(u_char *user, const struct pcap_pkthdr *h, const u_char *data)
{
	struct loop_ctx *lc = (struct loop_ctx *)user;
	if (lc->s->dumper)
		pcap_dump((u_char *)lc->s->dumper, h, data);
	if (lc->fn)
		lc->fn(lc->ctx, h, data);
	if (lc->s->progress.active)
		np_progress_packet(&lc->s->progress);
}

/* Did the loop end because np_source_break asked it to? A break that
 * lands while a read is blocked (a quiet pipe) interrupts the read, which
 * libpcap reports as an error (-1): the user asked for it, so it is a
 * break (-2) too. Like libpcap's own flag, ours is cleared once a loop
 * has answered it (watch breaks the loop for SIGHUP and goes on). */
static bool broken_off(np_source *s, int *rc)
{
	if (*rc == -1 && s->stopping)
		*rc = -2;
	if (*rc == -2)
		s->stopping = 0;
	return *rc == -2;
}

/* ---- mapped files ---------------------------------------------------------------- */

enum map_end { MAP_LIMIT, MAP_EOF, MAP_BROKEN, MAP_HANDOFF };

/* Hand the rest of a mapped file to libpcap, from the record the mapping
 * did not take: its stdio stream is moved there, so libpcap reads (and
 * words its error about) that record as it would have. A break asked for
 * before the switch is answered here; one after it reaches libpcap. */
static int map_handoff(np_source *s)
{
	size_t off = s->map.off;
	s->map.walking = false;
	if (s->stopping) {
		s->stopping = 0;
		return MAP_BROKEN;
	}
	if (fseeko(pcap_file(s->pcap), (off_t)off, SEEK_SET) != 0) {
		snprintf(s->err, sizeof(s->err), "%s: %s", s->name, strerror(errno));
		return -1;
	}
	return MAP_HANDOFF;
}

/* Up to `max` packets (0 = no limit) that pass the filter, from the
 * mapping; *done counts them. */
static int map_walk(np_source *s, long max, long *done, const struct loop_ctx *lc)
{
	struct pcap_pkthdr h;
	const uint8_t *data;
	*done = 0;
	while (max <= 0 || *done < max) {
		if (s->stopping) {
			s->stopping = 0;
			return MAP_BROKEN;
		}
		if (!np_pcapmap_next(&s->map, &h, &data))
			return s->map.off == s->map.size ? MAP_EOF : map_handoff(s);
		if (s->have_prog && !pcap_offline_filter(&s->prog, &h, data))
			continue;
		loop_cb((u_char *)lc, &h, data);
		(*done)++;
		if (!s->data_kept)
			np_pcapmap_release(&s->map, (size_t)(data - s->map.base));
	}
	return MAP_LIMIT;
}

int np_source_loop(np_source *s, long count, np_packet_fn fn, void *ctx)
{
	struct loop_ctx lc = {s, fn, ctx};
	if (s->map.walking) {
		long done;
		int end = map_walk(s, count, &done, &lc);
		if (end != MAP_HANDOFF && s->dumper)
			pcap_dump_flush(s->dumper);
		if (end != MAP_HANDOFF)
			np_progress_end(&s->progress);
		if (end == MAP_LIMIT || end == MAP_EOF)
			return 0;
		if (end == MAP_BROKEN)
			return 1;
		if (end < 0)
			return -1;
		if (count > 0)
			count -= done;
	}
	int rc = pcap_loop(s->pcap, count > 0 ? (int)count : -1, loop_cb, (u_char *)&lc);
	if (s->dumper)
		pcap_dump_flush(s->dumper);
	np_progress_end(&s->progress);
	if (broken_off(s, &rc))
		return 1;
	if (rc == -1) {
		snprintf(s->err, sizeof(s->err), "%s: %s", s->name, pcap_geterr(s->pcap));
		return -1;
	}
	return rc == -2 ? 1 : 0;
}

int np_source_dispatch(np_source *s, int max, np_packet_fn fn, void *ctx)
{
	struct loop_ctx lc = {s, fn, ctx};
	if (s->map.walking) {
		long done;
		int end = map_walk(s, max, &done, &lc);
		if (end == MAP_BROKEN)
			return -2;
		if (end < 0)
			return -1;
		if (end == MAP_EOF && done == 0) {
			s->eof = true;
			np_progress_end(&s->progress);
		}
		if (end != MAP_HANDOFF || done > 0)
			return (int)done;
	}
	int rc = pcap_dispatch(s->pcap, max, loop_cb, (u_char *)&lc);
	if (broken_off(s, &rc))
		return -2;
	if (rc == -1)
		snprintf(s->err, sizeof(s->err), "%s: %s", s->name, pcap_geterr(s->pcap));
	if (rc == 0 && !s->live) {
		s->eof = true;
		np_progress_end(&s->progress);
	}
	return rc;
}

bool np_source_at_end(const np_source *s)
{
	return s->eof;
}

void np_source_break(np_source *s)
{
	s->stopping = 1;
	/* A mapped walk answers s->stopping itself; libpcap's own flag, set
	 * while it is not reading, would break a later read at once. */
	if (s->pcap && !s->map.walking)
		pcap_breakloop(s->pcap);
}

bool np_source_stats(np_source *s, uint64_t *received, uint64_t *dropped)
{
	struct pcap_stat ps;
	if (!s->live || !s->pcap || pcap_stats(s->pcap, &ps) != 0)
		return false;
	*received = ps.ps_recv;
	*dropped = ps.ps_drop;
	return true;
}

void np_source_close(np_source *s)
{
	np_progress_end(&s->progress);
	if (s->dumper)
		pcap_dump_close(s->dumper); /* closes its file */
	np_pcapmap_close(&s->map);
	if (s->have_prog)
		pcap_freecode(&s->prog);
	s->have_prog = false;
	if (s->pcap)
		pcap_close(s->pcap);
	s->dumper = NULL;
	s->pcap = NULL;
	free(s->writebuf);
	s->writebuf = NULL;
	free(s->readbuf); /* after pcap_close, which closed the file */
	s->readbuf = NULL;
}

const char *np_source_linktype_name(const np_source *s, char *buf, size_t len)
{
	const char *name = pcap_datalink_val_to_name(s->dlt);
	const char *desc = pcap_datalink_val_to_description(s->dlt);
	if (name)
		snprintf(buf, len, "%s (%s)", name, desc ? desc : name);
	else
		snprintf(buf, len, "%d", s->dlt);
	return buf;
}
