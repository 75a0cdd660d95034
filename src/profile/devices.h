/*
 * devices.h - what the devices on the wire are, from the protocols they
 * speak: routers (OSPF, OSPFv3, BGP, RIP, RIPng, EIGRP, IS-IS and PIM
 * speakers; HSRP and VRRP routers and the virtual addresses they serve),
 * switches and bridges (spanning tree bridge and root IDs, LLDP and CDP
 * system name, platform and port), and the DHCP servers and relays, DNS
 * and NTP servers the profiler found. Each device is an address (IP or
 * MAC) and a role, with the evidence and when it was first and last seen.
 *
 * Fed from the decoded packet (decode/packet.h, decode/ctlproto.h), at
 * most NP_DEVICES_MAX devices (later ones are counted, not kept).
 *
 * Not for: storing (inventory.h), or deciding servers (roles.h).
 */
#ifndef NP_DEVICES_H
#define NP_DEVICES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../decode/packet.h"
#include "profiler.h"

#define NP_DEVICES_MAX 65536

typedef struct np_device {
	char address[48]; /* an IP address, or a MAC address aa:bb:cc:dd:ee:ff */
	const char *role; /* "router", "switch", "station", "virtual-ip", "dhcp-server", ... */
	char evidence[320];
	int64_t first_us, last_us;
} np_device;

typedef struct np_devices np_devices;

np_devices *np_devices_new(void);
void np_devices_free(np_devices *d);
/* One decoded packet; nano: its timestamp's fraction is in nanoseconds. */
void np_devices_packet(np_devices *d, const np_packet *pkt, bool nano);
/* The DHCP, DNS and NTP servers among the profiler's. */
void np_devices_add_servers(np_devices *d, const np_server *s, size_t n);
/* The devices, sorted by role then address; *dropped: devices past the limit. */
const np_device *np_devices_list(np_devices *d, size_t *n, uint64_t *dropped);

#endif
