/*
 * devices.c - the device list (devices.h): a hash table of (address,
 * role) over a growing array. Each device keeps the protocols it was seen
 * speaking (a bit each) and the latest detail a protocol gave (an HSRP
 * state and virtual address, a bridge ID, an LLDP system name); the
 * evidence text is both, written when the list is asked for.
 * Not for: parsing bytes (decode/ctlproto.h), storing (inventory.h).
 */
#include "devices.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../decode/ctlproto.h"
#include "../util/bytes.h"

enum {
	P_OSPF,
	P_OSPF6,
	P_BGP,
	P_RIP,
	P_RIPNG,
	P_EIGRP,
	P_ISIS,
	P_PIM,
	P_HSRP,
	P_VRRP,
	P_STP,
	P_LLDP,
	P_CDP,
	P_DHCP,
	P_DHCPRELAY,
	P_DNS,
	P_NTP,
	P_LDP,
	P_RSVP,
	P_COUNT
};
static const char *const proto_names[P_COUNT] = {"ospf",       "ospfv3", "bgp",  "rip", "ripng", "eigrp", "is-is",
						 "pim",        "hsrp",   "vrrp", "stp", "lldp",  "cdp",   "dhcp",
						 "dhcp relay", "dns",    "ntp",  "ldp", "rsvp"};

struct dev {
	np_device pub;
	uint32_t protos;
	char detail[256];
	struct isis_seen *isis; /* what its IS-IS PDUs said, NULL if none */
};

/* An IS-IS speaker's system ID, levels and area; the hostname comes from
 * the name table, since any router's LSP may carry it. */
struct isis_seen {
	uint8_t id[6];
	bool has_id;
	uint8_t levels;
	char area[64];
};

/* IS-IS hostnames by system ID, from the LSPs (RFC 5301), at most
 * ISIS_NAMES_MAX of them. */
#define ISIS_NAMES_MAX 4096
struct isis_name {
	uint8_t id[6];
	char name[64];
};

struct np_devices {
	struct dev *v;
	size_t n, cap;
	uint32_t *slot; /* index + 1, 0 = empty; 2 * NP_DEVICES_MAX slots */
	uint64_t dropped;
	np_device *out;
	struct isis_name *names;
	size_t nnames;
};

#define NSLOTS (2u * NP_DEVICES_MAX)

np_devices *np_devices_new(void)
{
	np_devices *d = calloc(1, sizeof(*d));
	if (d && !(d->slot = calloc(NSLOTS, sizeof(uint32_t)))) {
		free(d);
		return NULL;
	}
	return d;
}

void np_devices_free(np_devices *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->n; i++)
		free(d->v[i].isis);
	free(d->v);
	free(d->names);
	free(d->slot);
	free(d->out);
	free(d);
}

static uint32_t hash(const char *addr, const char *role)
{
	uint32_t h = 2166136261u;
	for (const char *s = addr; *s; s++)
		h = (h ^ (uint8_t)*s) * 16777619u;
	for (const char *s = role; *s; s++)
		h = (h ^ (uint8_t)*s) * 16777619u;
	return h;
}

/* The device (addr, role), added if new; NULL past the limit. */
static struct dev *get(np_devices *d, const char *addr, const char *role, int64_t ts)
{
	uint32_t i = hash(addr, role) & (NSLOTS - 1);
	for (; d->slot[i]; i = (i + 1) & (NSLOTS - 1)) {
		struct dev *x = &d->v[d->slot[i] - 1];
		if (x->pub.role == role && !strcmp(x->pub.address, addr)) {
			if (ts < x->pub.first_us)
				x->pub.first_us = ts;
			if (ts > x->pub.last_us)
				x->pub.last_us = ts;
			return x;
		}
	}
	if (d->n == NP_DEVICES_MAX) {
		d->dropped++;
		return NULL;
	}
	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 64;
		struct dev *v = realloc(d->v, cap * sizeof(*v));
		if (!v) {
			d->dropped++;
			return NULL;
		}
		d->v = v;
		d->cap = cap;
	}
	struct dev *x = &d->v[d->n++];
	memset(x, 0, sizeof(*x));
	snprintf(x->pub.address, sizeof(x->pub.address), "%s", addr);
	x->pub.role = role;
	x->pub.first_us = x->pub.last_us = ts;
	d->slot[i] = (uint32_t)d->n;
	return x;
}

static void note(np_devices *d, const char *addr, const char *role, int64_t ts, int proto, const char *detail)
{
	struct dev *x = get(d, addr, role, ts);
	if (!x)
		return;
	x->protos |= 1u << proto;
	if (detail && ts >= x->pub.last_us)
		snprintf(x->detail, sizeof(x->detail), "%s", detail);
}

static void mac_text(const uint8_t *m, char *buf, size_t n)
{
	snprintf(buf, n, "%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2], m[3], m[4], m[5]);
}

static void bridge_id_text(uint64_t id, char *buf, size_t n)
{
	uint8_t m[6];
	for (int i = 0; i < 6; i++)
		m[i] = (uint8_t)(id >> (40 - 8 * i));
	char mac[24];
	mac_text(m, mac, sizeof(mac));
	snprintf(buf, n, "%04x.%s", (unsigned)(id >> 48), mac);
}

static struct isis_name *isis_name_of(const np_devices *d, const uint8_t *id)
{
	for (size_t i = 0; i < d->nnames; i++)
		if (!memcmp(d->names[i].id, id, 6))
			return &d->names[i];
	return NULL;
}

/* "is-is L1 system-id 2222.2222.2222, hostname R2, area 49.000a". */
static void isis_detail(const np_devices *d, struct dev *x)
{
	const struct isis_seen *s = x->isis;
	const uint8_t *i = s->id;
	const struct isis_name *name = s->has_id ? isis_name_of(d, i) : NULL;
	const char *lv = s->levels == 3 ? " L1L2" : s->levels == 2 ? " L2" : s->levels == 1 ? " L1" : "";
	char id[20] = "-";
	if (s->has_id)
		snprintf(id, sizeof(id), "%02x%02x.%02x%02x.%02x%02x", i[0], i[1], i[2], i[3], i[4], i[5]);
	snprintf(x->detail, sizeof(x->detail), "is-is%s system-id %s, hostname %s, area %s", lv, id,
		 name ? name->name : "-", s->area[0] ? s->area : "-");
}

/* A hostname an LSP gave a system ID; the IS-IS details of the devices
 * with that system ID are written again when it is new or changed. */
static void isis_learn_name(np_devices *d, const uint8_t *id, const char *name)
{
	struct isis_name *e = isis_name_of(d, id);
	if (e && !strcmp(e->name, name))
		return;
	if (!e) {
		if (d->nnames % 64 == 0) {
			if (d->nnames == ISIS_NAMES_MAX)
				return;
			struct isis_name *v = realloc(d->names, (d->nnames + 64) * sizeof(*v));
			if (!v)
				return;
			d->names = v;
		}
		e = &d->names[d->nnames++];
		memcpy(e->id, id, 6);
	}
	snprintf(e->name, sizeof(e->name), "%s", name);
	for (size_t k = 0; k < d->n; k++) {
		struct dev *x = &d->v[k];
		if (x->isis && x->isis->has_id && !memcmp(x->isis->id, id, 6) && !strncmp(x->detail, "is-is", 5))
			isis_detail(d, x);
	}
}

/* An IS-IS PDU from src: a router. A hello or SNP names its sender's
 * system ID; an LSP's originator stands in until one does (an LSP may be
 * another router's, flooded). */
static void isis_device(np_devices *d, const char *src, const uint8_t *p, const uint8_t *end, int64_t ts)
{
	np_isis_info in;
	if (!np_isis_parse(p, end, &in)) {
		note(d, src, "router", ts, P_ISIS, NULL);
		return;
	}
	if (in.from_lsp && !in.pseudonode && in.hostname[0])
		isis_learn_name(d, in.system_id, in.hostname);
	struct dev *x = get(d, src, "router", ts);
	if (!x)
		return;
	x->protos |= 1u << P_ISIS;
	if (!x->isis && !(x->isis = calloc(1, sizeof(*x->isis))))
		return;
	struct isis_seen *s = x->isis;
	if (!in.from_lsp || (!s->has_id && !in.pseudonode)) {
		memcpy(s->id, in.system_id, 6);
		s->has_id = true;
	}
	s->levels |= in.levels;
	if (in.area_len && s->has_id && !memcmp(s->id, in.system_id, 6)) {
		size_t o = 0;
		for (uint8_t i = 0; i < in.area_len; i++)
			o += (size_t)snprintf(s->area + o, sizeof(s->area) - o,
					      (i & 1) == 0 && i + 1 < in.area_len ? "%02x." : "%02x", in.area[i]);
	}
	if (ts >= x->pub.last_us)
		isis_detail(d, x);
}

static void link_devices(np_devices *d, const np_packet *pkt, int64_t ts)
{
	int kind;
	uint16_t et;
	const uint8_t *p, *end;
	if (!np_link_payload(pkt, &kind, &et, &p, &end))
		return;
	char src[24], detail[256];
	mac_text(pkt->layer[0].u.eth.src, src, sizeof(src));
	if (kind == NP_LLC_STP || kind == NP_LLC_PVST) {
		np_stp_info s;
		if (!np_stp_parse(p, end, &s) || s.type == 0x80)
			return;
		char b[40], r[40];
		bridge_id_text(s.bridge_id, b, sizeof(b));
		bridge_id_text(s.root_id, r, sizeof(r));
		const char *ver = s.version == 3        ? "mstp"
				  : s.version == 2      ? "rstp"
				  : kind == NP_LLC_PVST ? "pvst+"
							: "stp";
		snprintf(detail, sizeof(detail), "%s bridge-id %s.%04x, root-id %s%s", ver, b, s.port_id, r,
			 s.bridge_id == s.root_id ? " (the root)" : "");
		note(d, src, "switch", ts, P_STP, detail);
		return;
	}
	if (kind == NP_LLC_ISIS) {
		isis_device(d, src, p, end, ts);
		return;
	}
	np_neighbor_info nb;
	int proto;
	if (kind == NP_LLC_CDP && np_cdp_parse(p, end, &nb))
		proto = P_CDP;
	else if (kind == NP_LLC_OTHER && et == 0x88cc && np_lldp_parse(p, end, &nb))
		proto = P_LLDP;
	else
		return;
	snprintf(detail, sizeof(detail), "%s name %s, platform %s, port %s", proto_names[proto],
		 nb.name[0] ? nb.name : "-", nb.platform[0] ? nb.platform : "-", nb.port[0] ? nb.port : "-");
	if (nb.caps & NP_CAP_ROUTER)
		note(d, src, "router", ts, proto, detail);
	if ((nb.caps & NP_CAP_BRIDGE) || !nb.has_caps)
		note(d, src, "switch", ts, proto, detail);
	if (nb.has_caps && !(nb.caps & (NP_CAP_ROUTER | NP_CAP_BRIDGE)))
		note(d, src, "station", ts, proto, detail);
}

static void ip_devices(np_devices *d, const np_packet *pkt, int64_t ts)
{
	const np_layer *ip = &pkt->layer[pkt->ip];
	bool v6 = ip->kind == NP_LAYER_IP6;
	uint8_t proto = v6 ? ip->u.ip6.proto : ip->u.ip4.proto;
	const uint8_t *sa = v6 ? ip->u.ip6.src : ip->u.ip4.src;
	if (ip->status != NP_OK || !sa)
		return;
	char src[48], detail[256];
	inet_ntop(v6 ? AF_INET6 : AF_INET, sa, src, sizeof(src));
	const uint8_t *p = ip->p + ip->hdrlen, *end = ip->end;
	switch (proto) {
	case 89: note(d, src, "router", ts, v6 ? P_OSPF6 : P_OSPF, NULL); return;
	case 88: note(d, src, "router", ts, P_EIGRP, NULL); return;
	case 103: note(d, src, "router", ts, P_PIM, NULL); return;
	case 46: {
		uint8_t type;
		if (np_rsvp_parse(p, end, &type))
			note(d, src, "router", ts, P_RSVP, NULL);
		return;
	}
	case 112: {
		np_vrrp_info vr;
		if (!np_vrrp_parse(p, end, v6, &vr))
			return;
		char va[48] = "-";
		size_t asz = v6 ? 16 : 4;
		if (vr.addr)
			inet_ntop(v6 ? AF_INET6 : AF_INET, vr.addr, va, sizeof(va));
		snprintf(detail, sizeof(detail), "vrrp master vrid %u prio %u, virtual %s%s", vr.vrid, vr.priority, va,
			 vr.naddr > 1 ? ",..." : "");
		note(d, src, "router", ts, P_VRRP, detail);
		snprintf(detail, sizeof(detail), "vrrp vrid %u, master %s", vr.vrid, src);
		for (const uint8_t *a = vr.addr; a && a < vr.addr + vr.naddr * asz && np_has(a, end, asz); a += asz) {
			inet_ntop(v6 ? AF_INET6 : AF_INET, a, va, sizeof(va));
			note(d, va, "virtual-ip", ts, P_VRRP, detail);
		}
		return;
	}
	default: break;
	}
	if (pkt->l4 < 0 || pkt->layer[pkt->l4].status != NP_OK)
		return;
	const np_layer *l4 = &pkt->layer[pkt->l4];
	const uint8_t *pl = l4->p + l4->hdrlen;
	if (l4->kind == NP_LAYER_TCP) {
		const struct np_tcp_info *t = &l4->u.tcp;
		if (t->sport != 179 && t->dport != 179)
			return;
		/* A BGP message (its 16-byte marker of ones), not a scan. */
		if (!np_has(pl, l4->end, 19))
			return;
		for (int i = 0; i < 16; i++)
			if (pl[i] != 0xff)
				return;
		note(d, src, "router", ts, P_BGP, NULL);
		return;
	}
	if (l4->kind != NP_LAYER_UDP)
		return;
	const struct np_udp_info *u = &l4->u.udp;
	uint8_t cmd;
	np_ldp_info ldp;
	if ((u->sport == 520 || u->sport == 521) && u->dport == u->sport && np_get_u8(pl, l4->end, &cmd) && cmd == 2) {
		note(d, src, "router", ts, u->sport == 520 ? P_RIP : P_RIPNG, NULL);
	} else if (u->sport == 1985 && u->dport == 1985 && !v6) {
		np_hsrp_info h;
		if (!np_hsrp_parse(pl, l4->end, &h) || (h.state != 16 && h.state != 8))
			return;
		char va[20];
		inet_ntop(AF_INET, h.vip, va, sizeof(va));
		snprintf(detail, sizeof(detail), "hsrp group %u %s prio %u, virtual %s", h.group,
			 np_hsrp_state_name(h.state), h.priority, va);
		note(d, src, "router", ts, P_HSRP, detail);
		if (h.state == 16) {
			snprintf(detail, sizeof(detail), "hsrp group %u, active %s", h.group, src);
			note(d, va, "virtual-ip", ts, P_HSRP, detail);
		}
	} else if (u->sport == 646 && u->dport == 646 && np_ldp_parse(pl, l4->end, &ldp) && ldp.msg_type == 0x0100) {
		/* an LDP hello: its LSR ID and label space */
		snprintf(detail, sizeof(detail), "ldp lsr-id %u.%u.%u.%u:%u", ldp.lsr_id[0], ldp.lsr_id[1],
			 ldp.lsr_id[2], ldp.lsr_id[3], ldp.label_space);
		note(d, src, "router", ts, P_LDP, detail);
	} else if (u->sport == 67 && u->dport == 67 && !v6) {
		/* BOOTP between port 67s with a gateway address: a relay. */
		uint8_t op;
		if (np_get_u8(pl, l4->end, &op) && op == 1 && np_has(pl + 24, l4->end, 4) &&
		    (pl[24] | pl[25] | pl[26] | pl[27])) {
			char gi[20];
			inet_ntop(AF_INET, pl + 24, gi, sizeof(gi));
			snprintf(detail, sizeof(detail), "relays for %s", gi);
			note(d, src, "dhcp-relay", ts, P_DHCPRELAY, detail);
		}
	}
}

void np_devices_packet(np_devices *d, const np_packet *pkt, bool nano)
{
	int64_t ts = pkt->ts_sec * 1000000 + (nano ? pkt->ts_frac / 1000 : pkt->ts_frac);
	if (pkt->nlayers && pkt->layer[0].kind == NP_LAYER_ETH)
		link_devices(d, pkt, ts);
	if (pkt->ip >= 0)
		ip_devices(d, pkt, ts);
}

void np_devices_add_servers(np_devices *d, const np_server *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *svc = s[i].service;
		const char *role;
		int proto;
		if (!svc || !s[i].confirmed)
			continue;
		if (!strcmp(svc, "dhcp") || !strcmp(svc, "dhcpv6")) {
			role = "dhcp-server";
			proto = P_DHCP;
		} else if (!strcmp(svc, "dns")) {
			role = "dns-server";
			proto = P_DNS;
		} else if (!strcmp(svc, "ntp")) {
			role = "ntp-server";
			proto = P_NTP;
		} else {
			continue;
		}
		char addr[48], detail[256];
		inet_ntop(s[i].key.family == 6 ? AF_INET6 : AF_INET, s[i].key.addr, addr, sizeof(addr));
		snprintf(detail, sizeof(detail), "%s server on %s/%u, clients %u", svc,
			 s[i].key.proto == 6 ? "tcp" : "udp", s[i].key.port, s[i].nclients);
		note(d, addr, role, s[i].first_us, proto, detail);
		note(d, addr, role, s[i].last_us, proto, NULL);
	}
}

static int cmp_dev(const void *a, const void *b)
{
	const np_device *x = a, *y = b;
	int c = strcmp(x->role, y->role);
	return c ? c : strcmp(x->address, y->address);
}

const np_device *np_devices_list(np_devices *d, size_t *n, uint64_t *dropped)
{
	free(d->out);
	d->out = calloc(d->n ? d->n : 1, sizeof(np_device));
	*n = 0;
	if (dropped)
		*dropped = d->dropped;
	if (!d->out)
		return NULL;
	for (size_t i = 0; i < d->n; i++) {
		const struct dev *x = &d->v[i];
		np_device *o = &d->out[i];
		*o = x->pub;
		size_t off = 0;
		for (int b = 0; b < P_COUNT; b++) {
			if (!(x->protos & (1u << b)))
				continue;
			int w = snprintf(o->evidence + off, sizeof(o->evidence) - off, "%s%s", off ? "," : "",
					 proto_names[b]);
			if (w > 0 && (size_t)w < sizeof(o->evidence) - off)
				off += (size_t)w;
		}
		if (x->detail[0])
			snprintf(o->evidence + off, sizeof(o->evidence) - off, "; %s", x->detail);
	}
	*n = d->n;
	qsort(d->out, *n, sizeof(np_device), cmp_dev);
	return d->out;
}
