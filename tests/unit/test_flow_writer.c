/*
 * test_flow_writer.c - np_flow_writer_write_all (many flows, formatted on
 * two threads) writes exactly what np_flow_writer_write writes for the same
 * flows one by one, in every format, biflow and uniflow, for lists shorter
 * and longer than the part each thread takes.
 */
#include <string.h>

#include "../../src/flow/writer.h"
#include "check.h"

#define NFLOWS 5000

static np_flow flows[NFLOWS];
static const np_flow *list[NFLOWS];

static uint32_t rng = 99;
static uint32_t next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng;
}

static void make_flows(void)
{
	for (int i = 0; i < NFLOWS; i++) {
		np_flow *f = &flows[i];
		memset(f, 0, sizeof(*f));
		f->key.family = i % 7 == 0 ? 6 : 4;
		for (int b = 0; b < 16; b++) {
			f->key.src[b] = (uint8_t)next_rand();
			f->key.dst[b] = (uint8_t)(b < 12 && i % 3 == 0 ? 0 : next_rand());
		}
		static const uint8_t protos[] = {6, 17, 1, 58, 47};
		f->key.proto = protos[i % 5];
		f->key.sport = (uint16_t)next_rand();
		f->key.dport = (uint16_t)next_rand();
		f->key.vlan = (uint16_t)(i % 11 == 0 ? next_rand() & 0xfff : 0);
		f->fwd.first_us =
			1700000000000000LL + (int64_t)(next_rand() % 200000) * 1000000 + next_rand() % 1000000;
		f->fwd.last_us = f->fwd.first_us + next_rand() % 5000000000u;
		f->fwd.packets = next_rand() % 100000 + 1;
		f->fwd.bytes = (uint64_t)next_rand() * (i % 2 ? 4096 : 1);
		f->fwd.initial_flags = (uint8_t)next_rand();
		f->fwd.session_flags = (uint8_t)next_rand();
		if (i % 4) {
			f->rev = f->fwd;
			f->rev.first_us += next_rand() % 1000;
			f->rev.packets = next_rand() % 1000 + 1;
		}
		f->end_reason = (uint8_t)(1 + i % 6);
		f->app = (uint8_t)(i % 5);
		list[i] = f;
	}
}

static void compare(int format, bool uniflow, const char *fields, size_t n)
{
	np_out one, all;
	np_flow_writer w1, w2;
	char bad[64];
	CHECK(out_open_fd(&one, -1) == 0 && out_open_fd(&all, -1) == 0);
	CHECK(np_flow_writer_init(&w1, &one, format, uniflow, fields, bad) == 0);
	CHECK(np_flow_writer_init(&w2, &all, format, uniflow, fields, bad) == 0);
	for (size_t i = 0; i < n; i++)
		np_flow_writer_write(&w1, list[i]);
	np_flow_writer_write_all(&w2, list, n);
	CHECK(one.len == all.len && memcmp(one.buf, all.buf, one.len) == 0);
	CHECK(n == 0 || one.len > 0);
	out_close(&one);
	out_close(&all);
}

int main(void)
{
	make_flows();
	static const size_t counts[] = {0, 1, 511, 512, 513, 1024, 1500, NFLOWS};
	for (size_t c = 0; c < sizeof(counts) / sizeof(counts[0]); c++)
		for (int format = NP_FLOW_TEXT; format <= NP_FLOW_JSON; format++)
			for (int uni = 0; uni < 2; uni++)
				compare(format, uni, NULL, counts[c]);
	compare(NP_FLOW_CSV, false, "sIP,dIP,endReason,application,vlan,duration", NFLOWS);
	compare(NP_FLOW_TEXT, false, "sTime,eTime,flags,bytes", NFLOWS);
	return check_summary("flow_writer");
}
