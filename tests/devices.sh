#!/usr/bin/env bash
# devices.sh - `servers --devices`: routers, switches, HSRP/VRRP virtual
# addresses and DHCP/DNS/NTP servers, from the protocols they speak.
# On the tcpdump suite's captures (skipped when the corpus is absent) the
# expected devices and values (HSRP states, groups and virtual address,
# VRRP vrid and addresses, bridge and root IDs, CDP/LLDP names and ports,
# the OSPFv3/PIM/EIGRP/RIP/IS-IS/RSVP speakers) were read from Debian's tcpdump
# 4.99.3 -v/-e output on the same files; on a capture built by
# tests/lib/gen_devices.py (and its LDP/RSVP capture) the values are what it wrote, and the hostile
# control frames in it must give no device and no crash.
#   NETPROFILE  binary to test (default build/netprofile)
set -u
# shellcheck source=tests/lib/suite.sh
. "$(dirname "$0")/lib/suite.sh" devices
command -v python3 >/dev/null || abort "python3 is needed (apt-get install python3)"
[ -x "$np" ] || abort "$np is not built (run make)"

# devices NAME CAPTURE: the devices table (CSV) of one capture, in $tmp/NAME.csv
devices() {
	"$np" servers --db "$tmp/$1.db" --devices --format csv -r "$2" >"$tmp/$1.csv" 2>"$tmp/$1.err"
}
# row NAME ADDRESS ROLE PATTERN: the row of ADDRESS and ROLE matches PATTERN (grep -E)
row() {
	grep "^$2,$3," "$tmp/$1.csv" | grep -qE -- "$4"
}
# count NAME ROLE: how many devices of ROLE
count() {
	grep -c ",$2," "$tmp/$1.csv"
}

python3 "$here/tests/lib/gen_devices.py" "$tmp/built.pcap" || abort "gen_devices.py failed"
python3 "$here/tests/lib/gen_devices.py" "$tmp/mpls.pcap" mpls || abort "gen_devices.py mpls failed"
devices mpls "$tmp/mpls.pcap"
check "mpls: the LDP speaker is a router with its hello's LSR ID, the RSVP speaker a router" \
	'row mpls 10.9.7.1 router "\"ldp; ldp lsr-id 10.9.7.1:0\"" && row mpls 10.9.7.2 router "\"rsvp\""'
check "mpls: an LDP hello of version 2, cut short or from another port, and RSVP version 2 give no device" \
	'[ "$(count mpls router)" -eq 2 ] && ! grep -qE "^10\.9\.7\.6[6-9]," "$tmp/mpls.csv"' 
devices built "$tmp/built.pcap"
check "built: exit 0, standard output only the table" '[ $? -eq 0 ] && head -1 "$tmp/built.csv" | grep -qx "address,role,first_seen,last_seen,evidence" && ! grep -q ALERT "$tmp/built.csv"'
check "built: both BGP speakers are routers, the scanner that only sent a SYN to 179 is not" \
	'row built 10.9.0.1 router "\"bgp\"" && row built 10.9.0.2 router bgp && ! grep -q "^10.9.0.66," "$tmp/built.csv"'
check "built: the RIP responder is a router, the host that only asked is not" \
	'row built 10.9.1.1 router "\"rip\"" && ! grep -q "^10.9.1.5," "$tmp/built.csv"'
check "built: the DHCP relay names the gateway address it relays for; the server is a dhcp-server" \
	'row built 10.9.2.1 dhcp-relay "relays for 10.9.3.1" && row built 10.9.2.53 dhcp-server "dhcp server on udp/67"'
check "built: the DNS and NTP servers" \
	'row built 10.9.4.53 dns-server "udp/53" && row built 10.9.5.123 ntp-server "udp/123" && ! grep -q "^10.9.4.10," "$tmp/built.csv"'
check "built: the VLAN-tagged CDP speaker with router and switch capabilities is both, with its name, platform and port" \
	'row built 02:00:00:00:07:01 router "cdp name core-sw1, platform cisco WS-C3850, port Gi1/0/24" && row built 02:00:00:00:07:01 switch "core-sw1"'
check "built: first and last seen are the packets' times" \
	'row built 10.9.0.2 router "^10.9.0.2,router,2023-11-14T22:13:23.000Z,2023-11-14T22:13:23.000Z,"'
check "built: the hostile LLDP, CDP, STP and HSRP frames give no device" \
	'! grep -qE "^02:00:00:00:0b:|^10.9.6.2," "$tmp/built.csv" && [ "$(wc -l <"$tmp/built.csv")" -eq 10 ]'
"$np" servers --db "$tmp/built.db" --devices --format json -r "$tmp/built.pcap" >"$tmp/built.json" 2>/dev/null
check "built: --format json, one object a line" \
	'python3 -c "import json,sys; r=[json.loads(l) for l in open(sys.argv[1])]; assert len(r)==9 and {x[\"role\"] for x in r}=={\"router\",\"switch\",\"dhcp-relay\",\"dhcp-server\",\"dns-server\",\"ntp-server\"}" "$tmp/built.json"'
"$np" servers --db "$tmp/built.db" --devices -r "$tmp/built.pcap" >"$tmp/built.txt" 2>/dev/null
check "built: the text table" 'head -1 "$tmp/built.txt" | grep -q "^ADDRESS .* ROLE .* FIRST SEEN .* LAST SEEN .* EVIDENCE" && grep -q "^10.9.1.1 .* router " "$tmp/built.txt"'

# The inventory keeps them (schema 3): a later run's device merged in, first
# seen the minimum, last seen the maximum, the evidence of the latest.
python3 "$here/tests/lib/gen_devices.py" "$tmp/later.pcap" later && python3 "$here/tests/lib/gen_devices.py" "$tmp/earlier.pcap" earlier ||
	abort "gen_devices.py failed"
"$np" servers --db "$tmp/built.db" --devices -r "$tmp/later.pcap" >/dev/null 2>&1
"$np" servers --db "$tmp/built.db" --devices -r "$tmp/earlier.pcap" >/dev/null 2>&1
"$np" servers --db "$tmp/built.db" --devices --format csv >"$tmp/stored.csv" 2>"$tmp/stored.err"
check "--db with --devices and no input lists the stored devices: exit 0, the built ones and the later virtual address" \
	'[ $? -eq 0 ] && [ "$(wc -l <"$tmp/stored.csv")" -eq 11 ] && row stored 10.9.0.2 router bgp && row stored 10.9.1.254 virtual-ip "hsrp group 5, active 10.9.1.1"'
check "stored: 10.9.1.1 first seen by the earlier run, last seen and evidence by the later one" \
	'row stored 10.9.1.1 router "^10.9.1.1,router,2023-11-14T21:56:40.000Z,2023-11-14T22:30:00.000Z,\"hsrp; hsrp group 5 active prio 100, virtual 10.9.1.254\""'
check "stored: a device run twice is one row" '[ "$(grep -c "^10.9.0.2,router," "$tmp/stored.csv")" -eq 1 ]'
"$np" servers --db "$tmp/built.db" --format csv >"$tmp/servers.csv" 2>/dev/null
check "without --devices, the servers table as before" 'head -1 "$tmp/servers.csv" | grep -q "^address,protocol,port,service,"'

corpus=$here/../shared/corpus/tcpdump-suite/tests
if [ ! -d "$corpus" ]; then
	skip "the tcpdump suite's captures are absent ($corpus)"
	finish
fi

# tcpdump -v: 192.168.0.10 state=active group=1 addr=192.168.0.1 priority=200 (last),
# 192.168.0.20 state=standby priority=100, 192.168.0.30 ends in standby (after active, speak).
devices hsrp "$corpus/HSRP_coup.pcap"
check "HSRP: the active router, its group, priority and virtual address" \
	'row hsrp 192.168.0.10 router "hsrp group 1 active prio 200, virtual 192.168.0.1"'
check "HSRP: the standby routers" \
	'row hsrp 192.168.0.20 router "hsrp group 1 standby prio 100, virtual 192.168.0.1" && row hsrp 192.168.0.30 router "group 1 standby prio 100"'
check "HSRP: the virtual address and the router last active for it" \
	'row hsrp 192.168.0.1 virtual-ip "hsrp group 1, active 192.168.0.10" && [ "$(count hsrp router)" -eq 3 ]'
# tcpdump -v: VRRPv2 vrid 42 addrs(3) 10.4.42.1,10.4.42.2,10.4.42.3; vrid 43 10.4.43.150;
# VRRPv3 vrid 44 10.4.44.100,10.4.44.200; masters 10.0.0.91 to 10.0.0.97 (prio 191-197);
# over IPv6 vrid 45 and 46 from eight fe80:: masters.
devices vrrp "$corpus/vrrp.pcap"
check "VRRP: the seven IPv4 and seven IPv6 masters are routers" '[ "$(count vrrp router)" -eq 14 ] && row vrrp 10.0.0.97 router "vrrp master vrid 4[234] prio 197"'
check "VRRP: every virtual address, each with its vrid" \
	'row vrrp 10.4.42.3 virtual-ip "vrid 42" && row vrrp 10.4.43.150 virtual-ip "vrid 43" && row vrrp 10.4.44.200 virtual-ip "vrid 44" && row vrrp 2001::eeff:d virtual-ip "vrid 46"'
# tcpdump -ev: 00:19:06:ea:b8:85 > 01:80:c2:00:00:00 ... bridge-id 8001.00:19:06:ea:b8:80.8005, root-id 8001.00:19:06:ea:b8:80
devices stp "$corpus/802.1D_spanning_tree.pcap"
check "STP: the bridge, its bridge ID and port, the root ID" \
	'row stp 00:19:06:ea:b8:85 switch "stp bridge-id 8001.00:19:06:ea:b8:80.8005, root-id 8001.00:19:06:ea:b8:80 \(the root\)"'
# tcpdump -v (MSTP): CIST root-id 0000.00:1f:27:b4:7d:80; CIST bridge-id 8000.00:16:46:b5:8c:80 with
# CIST port-id 800f, and 8000.00:1e:f7:05:a8:80 with port-id 8012 (the regional root 8000.00:16:46:b5:8c:80)
devices mstp "$corpus/MSTP_Intra-Region_BPDUs.pcap"
check "MSTP: two bridges, their CIST bridge IDs and ports, the root elsewhere" \
	'row mstp 00:16:46:b5:8c:8f switch "mstp bridge-id 8000.00:16:46:b5:8c:80.800f, root-id 0000.00:1f:27:b4:7d:80\"$" && row mstp 00:1e:f7:05:a8:92 switch "bridge-id 8000.00:1e:f7:05:a8:80.8012, root-id 0000.00:1f:27:b4:7d:80"'
# tcpdump -ev: CDP Device-ID 'S1' Port-ID 'FastEthernet0/13' from 00:18:ba:98:68:8f; LLDP System Name S1.cisco.com
devices lldp "$corpus/LLDP_and_CDP.pcap"
check "LLDP+CDP: two switches with their names and ports" \
	'row lldp 00:18:ba:98:68:8f switch "lldp,cdp; .*name S1(\.cisco\.com)?, .*port FastEthernet0/13" && row lldp 00:19:2f:a7:b2:8d switch "name S2.*port GigabitEthernet0/13"'
# tcpdump -v: Device-ID 'Switch', Platform 'cisco WS-C3560G-24PS', Port-ID 'GigabitEthernet0/5'
devices cdp "$corpus/3560_CDP.pcap"
check "CDP: the name, platform and port" \
	'row cdp 00:19:06:ea:b8:85 switch "cdp name Switch, platform cisco WS-C3560G-24PS, port GigabitEthernet0/5"'
# tcpdump: 10.0.0.1 and 10.0.0.2 > 224.0.0.13: PIMv2 (hellos); > 224.0.0.10: EIGRP
devices pim "$corpus/PIMv2_hellos.pcap"
check "PIM: both speakers are routers" 'row pim 10.0.0.1 router pim && row pim 10.0.0.2 router pim && [ "$(count pim router)" -eq 2 ]'
devices eigrp "$corpus/EIGRP_adjacency.pcap"
check "EIGRP: both speakers are routers" 'row eigrp 10.0.0.1 router eigrp && row eigrp 10.0.0.2 router eigrp'
# tcpdump: fe80::1 and fe80::2 > ff02::5: OSPFv3
devices ospf6 "$corpus/OSPFv3_broadcast_adjacency.pcap"
check "OSPFv3: both speakers are routers" 'row ospf6 fe80::1 router ospfv3 && row ospf6 fe80::2 router ospfv3'
# tcpdump: 10.0.0.20.520 > 224.0.0.9.520: RIPv2, Response
devices rip "$corpus/ripv1v2.pcap"
check "RIP: the responder is a router" 'row rip 10.0.0.20 router rip'
# tcpdump -e -v: c2:01:29:98:00:00 and c2:02:29:98:00:01 > 01:80:c2:00:00:14, dsap OSI (IS-IS): L1 Lan IIHs
# with source-id 2222.2222.2222 and 3333.3333.3333, area 49.000a; their L1 LSPs name them R2 and R3.
devices isis "$corpus/ISIS_level1_adjacency.pcap"
check "IS-IS: both speakers are routers, with their system ID, level, hostname (from their LSPs) and area" \
	'row isis c2:01:29:98:00:00 router "is-is; is-is L1 system-id 2222.2222.2222, hostname R2, area 49.000a\"$" && row isis c2:02:29:98:00:01 router "is-is L1 system-id 3333.3333.3333, hostname R3, area 49.000a"'
# tcpdump -e -v: 02:06:0a:0e:ff:f1, 802.1Q vlan 46: L2 LSP lsp-id 0192.0168.0001.00-00, Hostname vmx-18-r1, area 49.0002
devices isiscap "$corpus/isis_cap_tlv.pcap"
check "IS-IS: a VLAN-tagged LSP alone names its originator" \
	'row isiscap 02:06:0a:0e:ff:f1 router "is-is L2 system-id 0192.0168.0001, hostname vmx-18-r1, area 49.0002"'
# tcpdump -vvv: an L2 LSP whose PDU length (20) is shorter than its header: the sender is still a router,
# nothing more is read from it.
devices isisbad "$corpus/isis-areaaddr-oobr-1.pcap"
check "IS-IS: a malformed LSP: exit 0, a router, no hostname or area" \
	'[ $? -eq 0 ] && row isisbad c2:02:29:98:00:00 router "system-id 0100.1401.0001, hostname -, area -"'
# tcpdump: 1.0.2.2.42741 > 1.0.2.1.179 ... BGP
devices bgp "$corpus/bgp-4byte-asn.pcap"
check "BGP: both ends of a session are routers" 'row bgp 1.0.2.1 router bgp && row bgp 1.0.2.2 router bgp'
# tcpdump -v: 10.0.57.5 > 10.0.57.7: RSVPv1 Hello Message
devices rsvp "$corpus/rsvp_cap.pcap"
check "RSVP: the hello's sender is a router" 'row rsvp 10.0.57.5 router rsvp && [ "$(count rsvp router)" -eq 1 ]'
finish
