/*
 * test_addr_text.c - np_server_addr_str (profile/inventory.h) writes the
 * text inet_ntop writes, for IPv4 and for IPv6 addresses with every
 * pattern of zero words (runs of each length and place, ties, embedded
 * IPv4 forms), and for random ones: the inventory's rows and alerts keep
 * the addresses libc gave them before it formatted them itself.
 */
#include <arpa/inet.h>

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

int main(void)
{
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
	return check_summary("addr_text");
}
