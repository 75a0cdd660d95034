/*
 * test_inventory_text.c - the text the inventory stores is libc's, though
 * it no longer asks libc for it: np_server_addr_str (profile/inventory.h)
 * writes what inet_ntop writes, for IPv4 and for IPv6 addresses with every
 * pattern of zero words (runs of each length and place, ties, embedded
 * IPv4 forms) and random ones; np_time_iso writes what gmtime_r and
 * strftime write, for times in order (its date kept from one to the next)
 * and at random over its years.
 */
#include <arpa/inet.h>
#include <time.h>

#include "../../src/profile/inventory.h"
#include "check.h"

static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static uint32_t next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 16);
}

/* Whether our text equals inet_ntop's for k. */
static bool same_as_libc(const np_server_key *k)
{
	char ours[64], libc[64];
	np_server_addr_str(k, ours, sizeof(ours));
	if (!inet_ntop(k->family == 4 ? AF_INET : AF_INET6, k->addr, libc, sizeof(libc)))
		return false;
	if (strcmp(ours, libc) != 0) {
		fprintf(stderr, "ours %s, inet_ntop %s\n", ours, libc);
		return false;
	}
	return true;
}

/* Whether np_time_iso's text equals gmtime_r's and strftime's for us. */
static bool time_as_libc(int64_t us)
{
	char ours[40], date[32], libc[48];
	np_time_iso(us, ours, sizeof(ours));
	time_t secs = (time_t)(us / 1000000);
	struct tm tm;
	gmtime_r(&secs, &tm);
	strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(libc, sizeof(libc), "%s.%03dZ", date, (int)(us / 1000 % 1000));
	if (strcmp(ours, libc) != 0) {
		fprintf(stderr, "ours %s, libc %s\n", ours, libc);
		return false;
	}
	return true;
}

static void check_times(void)
{
	int bad = 0;
	/* In order, a few hours at a time across days, months, leap days. */
	int64_t us = 1709164800000000LL - 7200 * 1000000LL; /* 2024-02-28T22:00Z */
	for (int i = 0; i < 20000; i++, us += (int64_t)(next_rand() % 20000000) * 1000 + next_rand() % 1000)
		bad += !time_as_libc(us);
	for (int i = 0; i < 20000; i++) {
		uint64_t r = (uint64_t)next_rand() << 32 | next_rand();
		bad += !time_as_libc((int64_t)(r % 253402300799999999ULL));
	}
	bad += !time_as_libc(0) + !time_as_libc(951782400000000LL) + !time_as_libc(253402300799999999LL);
	CHECK(bad == 0);
}

int main(void)
{
	check_times();
	np_server_key k;
	memset(&k, 0, sizeof(k));
	int bad = 0;
	/* Each of the 256 patterns of zero words, the others random (small
	 * values too, for the leading zeros a word leaves out). */
	k.family = 6;
	for (unsigned mask = 0; mask < 256; mask++)
		for (int round = 0; round < 40; round++) {
			for (int w = 0; w < 8; w++) {
				uint32_t r = next_rand();
				unsigned v = round % 4 == 0 ? r & 0xf : round % 4 == 1 ? r & 0xff : r & 0xffff;
				if (mask >> w & 1)
					v = 0;
				else if (!v)
					v = 1;
				if (round == 5 && w == 5)
					v = 0xffff; /* ::ffff:a.b.c.d */
				k.addr[2 * w] = (uint8_t)(v >> 8);
				k.addr[2 * w + 1] = (uint8_t)v;
			}
			bad += !same_as_libc(&k);
		}
	for (int i = 0; i < 20000; i++) {
		for (int b = 0; b < 16; b++)
			k.addr[b] = (uint8_t)next_rand();
		bad += !same_as_libc(&k);
	}
	CHECK(bad == 0);
	k.family = 4;
	memset(k.addr, 0, sizeof(k.addr));
	bad = 0;
	for (int i = 0; i < 20000; i++) {
		for (int b = 0; b < 4; b++)
			k.addr[b] = (uint8_t)(i % 3 ? next_rand() : next_rand() % 10);
		bad += !same_as_libc(&k);
	}
	CHECK(bad == 0);
	return check_summary("inventory_text");
}
