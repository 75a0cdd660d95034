/*
 * fuzz_ipfix.c - libFuzzer target over IPFIX input: the bytes are an IPFIX
 * file (a run of messages, each with its own templates and data sets) read
 * through the IPFIX file backend (collect/ipfix.c: message framing, then
 * libfixbuf's template handling and transcoding into records, YAF's nested
 * lists, sequence counting), the records paired when uniflow
 * (collect/pair.c) and written again as IPFIX (flow/writer_ipfix.c) to
 * /dev/null. The sanitizers (and the leak checker) do the judging.
 *
 * Seeds: IPFIX files (ours and YAF's, tests/fuzz.sh gathers them).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../src/collect/source.h"
#include "../src/flow/writer_ipfix.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void take(void *ctx, const np_flow *f, bool has_flags)
{
	(void)has_flags;
	np_ipfix_writer_write(ctx, f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64];
	if (!path[0]) {
		snprintf(path, sizeof(path), "/tmp/fuzz_ipfix.%ld", (long)getpid());
	}
	FILE *fp = fopen(path, "wb");
	if (!fp)
		return 0;
	fwrite(data, 1, size, fp);
	fclose(fp);
	char err[512];
	np_ipfix_writer *w = np_ipfix_writer_open("/dev/null", size & 1, false, 0, err, sizeof(err));
	if (!w)
		abort();
	np_flowsrc_read_file(path, NULL, take, w, err, sizeof(err));
	np_ipfix_writer_close(w);
	unlink(path);
	return 0;
}
