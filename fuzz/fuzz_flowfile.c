/*
 * fuzz_flowfile.c - libFuzzer target over the flow-file reader (--flows):
 * text tables (whitespace, CSV, rwcut's '|'), JSON lines (json-c), the
 * typo repair and whole-table pairing, through the flow-record source
 * interface (collect/source.h) as servers and flows use it.
 *
 * Input: the file's bytes. They are written to a temporary file and read
 * with np_flowsrc_read_file; every record goes to a CSV writer (thrown
 * away) and a profiler, so the records the reader makes are used the way
 * the program uses them (its warnings go to stderr, with the fuzzer's
 * report). Crashes, leaks and undefined behaviour are bugs; a file that is
 * refused is not.
 */
#include <stdio.h>

#include "../src/collect/source.h"
#include "../src/flow/writer.h"
#include "../src/profile/profiler.h"
#include "fuzz_common.h"

struct sink {
	np_flow_writer w;
	np_profiler *prof;
};

static void take(void *ctx, const np_flow *f, bool has_flags)
{
	struct sink *s = ctx;
	np_flow_writer_write(&s->w, f);
	np_profiler_add_flow(s->prof, f, has_flags);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64];
	if (!path[0])
		snprintf(path, sizeof(path), "/tmp/fuzz_flowfile.%d", (int)getpid());
	FILE *f = fopen(path, "wb");
	if (!f)
		return 0;
	fwrite(data, 1, size, f);
	fclose(f);
	struct sink s;
	char bad[64], err[256];
	np_flow_writer_init(&s.w, fuzz_out(), NP_FLOW_CSV, false, NULL, bad);
	s.prof = np_profiler_new(NULL);
	np_flowsrc_read_file(path, NULL, take, &s, err, sizeof(err));
	np_profiler_finish(s.prof);
	np_profiler_free(s.prof);
	out_flush(fuzz_out());
	return 0;
}
