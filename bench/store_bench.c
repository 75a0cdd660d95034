/*
 * store_bench: commits synthetic batches of servers into an inventory
 * through the store interface (profile/inventory.h), as one sensor would,
 * and prints records and commits per second. bench/store.sh runs 1 to 8 of
 * them at once against PostgreSQL and SQLite.
 *
 * Each batch holds --servers servers drawn from a pool shared by every
 * sensor (so sensors update the same rows, as on one network), each with
 * --clients clients. Not for: measuring profiling (netprofile servers and
 * bench/flows.sh do), or correctness (tests/postgres.sh).
 *
 * Usage: store_bench --db PATH|URI --sensor NAME [--batches N] [--servers N]
 *        [--clients N] [--pool N] [--seed N]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../src/profile/inventory.h"

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int server_cmp(const void *x, const void *y)
{
	const np_server *a = x, *b = y;
	return memcmp(a->key.addr, b->key.addr, 4) ? memcmp(a->key.addr, b->key.addr, 4)
						   : (int)a->key.port - (int)b->key.port;
}

/* One batch: distinct servers from the pool, in key order as the profiler
 * hands them. */
static size_t make_batch(np_server *s, np_client_stat *cl, unsigned n, unsigned clients, unsigned pool, unsigned *seed,
			 int64_t t)
{
	size_t got = 0;
	for (unsigned i = 0; i < n; i++) {
		unsigned id = (unsigned)rand_r(seed) % pool;
		np_server *v = &s[got];
		memset(v, 0, sizeof(*v));
		v->key.family = 4;
		v->key.proto = 6;
		v->key.addr[0] = 10;
		v->key.addr[1] = (uint8_t)(id >> 16);
		v->key.addr[2] = (uint8_t)(id >> 8);
		v->key.addr[3] = (uint8_t)id;
		v->key.port = (uint16_t)(id % 3 == 0 ? 443 : 80);
		bool dup = false;
		for (size_t j = 0; j < got && !dup; j++)
			dup = memcmp(&s[j].key, &v->key, sizeof(v->key)) == 0;
		if (dup)
			continue;
		v->service = v->key.port == 443 ? "https" : "http";
		v->first_us = t;
		v->last_us = t + 1000;
		v->flows = clients;
		v->packets = 10ULL * clients;
		v->bytes = 1000ULL * clients;
		v->confirmed = true;
		v->confidence = 0.9;
		snprintf(v->evidence, sizeof(v->evidence), "handshake");
		v->clients = &cl[got * clients];
		v->nclients = clients;
		for (unsigned c = 0; c < clients; c++) {
			np_client_stat *x = &v->clients[c];
			memset(x, 0, sizeof(*x));
			x->family = 4;
			x->addr[0] = 192;
			x->addr[1] = 168;
			x->addr[2] = (uint8_t)((id + c) >> 8);
			x->addr[3] = (uint8_t)(id + c);
			x->flows = 1;
			x->first_us = t;
			x->last_us = t + 1000;
		}
		got++;
	}
	qsort(s, got, sizeof(*s), server_cmp);
	return got;
}

int main(int argc, char **argv)
{
	const char *db = NULL, *sensor = "bench";
	unsigned batches = 20, per = 500, clients = 4, pool = 20000, seed = 1;
	for (int i = 1; i + 1 < argc; i += 2) {
		unsigned v = (unsigned)strtoul(argv[i + 1], NULL, 10);
		if (!strcmp(argv[i], "--db"))
			db = argv[i + 1];
		else if (!strcmp(argv[i], "--sensor"))
			sensor = argv[i + 1];
		else if (!strcmp(argv[i], "--batches"))
			batches = v;
		else if (!strcmp(argv[i], "--servers"))
			per = v ? v : 1;
		else if (!strcmp(argv[i], "--clients"))
			clients = v;
		else if (!strcmp(argv[i], "--pool"))
			pool = v ? v : 1;
		else if (!strcmp(argv[i], "--seed"))
			seed = v;
	}
	if (!db) {
		fprintf(stderr, "usage: store_bench --db PATH|URI --sensor NAME [--batches N] [--servers N] "
				"[--clients N] [--pool N] [--seed N]\n");
		return 2;
	}
	char err[512];
	np_inventory *inv = np_inventory_open(db, sensor, err, sizeof(err));
	if (!inv) {
		fprintf(stderr, "store_bench: %s\n", err);
		return 1;
	}
	np_server *s = calloc(per, sizeof(*s));
	np_client_stat *cl = calloc((size_t)per * (clients ? clients : 1), sizeof(*cl));
	np_inventory_opts o = {0, 0, 0};
	uint64_t records = 0;
	double start = now_s();
	int rc = 0;
	for (unsigned b = 0; s && cl && rc == 0 && b < batches; b++) {
		size_t n = make_batch(s, cl, per, clients, pool, &seed, 1700000000000000LL + (int64_t)b * 1000000);
		rc = np_inventory_merge(inv, s, n, &o, NULL, NULL, err, sizeof(err));
		records += n * (1 + clients);
	}
	double secs = now_s() - start;
	if (rc != 0)
		fprintf(stderr, "store_bench: %s\n", err);
	else
		printf("%s %u %llu %.3f\n", sensor, batches, (unsigned long long)records, secs);
	free(s);
	free(cl);
	np_inventory_close(inv);
	return rc ? 1 : 0;
}
