/*
 * services.c - service names by port and by payload (see services.h).
 */
#include "services.h"

#include <pthread.h>
#include <string.h>

#include "../util/bytes.h"

enum { TCP = 1, UDP = 2, BOTH = 3 };

struct port_entry {
	uint16_t port;
	uint8_t protos;
	const char *name;
};

/* Sorted by port. A subset of IANA's service-names-port-numbers registry. */
static const struct port_entry ports[] = {
	{7, BOTH, "echo"},
	{9, BOTH, "discard"},
	{13, BOTH, "daytime"},
	{19, BOTH, "chargen"},
	{20, TCP, "ftp-data"},
	{21, TCP, "ftp"},
	{22, TCP, "ssh"},
	{23, TCP, "telnet"},
	{25, TCP, "smtp"},
	{37, BOTH, "time"},
	{43, TCP, "whois"},
	{49, BOTH, "tacacs"},
	{53, BOTH, "dns"},
	{67, UDP, "dhcp"},
	{68, UDP, "dhcp-client"},
	{69, UDP, "tftp"},
	{70, TCP, "gopher"},
	{79, TCP, "finger"},
	{80, TCP, "http"},
	{88, BOTH, "kerberos"},
	{102, TCP, "iso-tsap"},
	{110, TCP, "pop3"},
	{111, BOTH, "sunrpc"},
	{113, TCP, "ident"},
	{119, TCP, "nntp"},
	{123, UDP, "ntp"},
	{135, BOTH, "msrpc"},
	{137, UDP, "netbios-ns"},
	{138, UDP, "netbios-dgm"},
	{139, TCP, "netbios-ssn"},
	{143, TCP, "imap"},
	{161, UDP, "snmp"},
	{162, UDP, "snmptrap"},
	{179, TCP, "bgp"},
	{194, TCP, "irc"},
	{389, BOTH, "ldap"},
	{427, BOTH, "svrloc"},
	{443, BOTH, "https"},
	{445, TCP, "microsoft-ds"},
	{464, BOTH, "kpasswd"},
	{465, TCP, "smtps"},
	{500, UDP, "isakmp"},
	{502, TCP, "modbus"},
	{514, UDP, "syslog"},
	{515, TCP, "printer"},
	{520, UDP, "rip"},
	{521, UDP, "ripng"},
	{546, UDP, "dhcpv6-client"},
	{547, UDP, "dhcpv6"},
	{548, TCP, "afp"},
	{554, BOTH, "rtsp"},
	{563, TCP, "nntps"},
	{587, TCP, "submission"},
	{593, TCP, "http-rpc-epmap"},
	{623, UDP, "ipmi"},
	{631, BOTH, "ipp"},
	{636, TCP, "ldaps"},
	{646, BOTH, "ldp"},
	{853, BOTH, "domain-s"},
	{873, TCP, "rsync"},
	{902, TCP, "vmware-auth"},
	{989, TCP, "ftps-data"},
	{990, TCP, "ftps"},
	{992, TCP, "telnets"},
	{993, TCP, "imaps"},
	{995, TCP, "pop3s"},
	{1080, TCP, "socks"},
	{1194, BOTH, "openvpn"},
	{1433, TCP, "ms-sql-s"},
	{1434, UDP, "ms-sql-m"},
	{1521, TCP, "oracle"},
	{1701, UDP, "l2tp"},
	{1723, TCP, "pptp"},
	{1812, UDP, "radius"},
	{1813, UDP, "radius-acct"},
	{1883, TCP, "mqtt"},
	{1900, UDP, "ssdp"},
	{2049, BOTH, "nfs"},
	{2055, UDP, "netflow"},
	{2181, TCP, "zookeeper"},
	{2375, TCP, "docker"},
	{2376, TCP, "docker-s"},
	{3128, TCP, "squid"},
	{3260, TCP, "iscsi"},
	{3268, TCP, "globalcat-ldap"},
	{3306, TCP, "mysql"},
	{3389, BOTH, "ms-wbt-server"},
	{3478, BOTH, "stun"},
	{3690, TCP, "svn"},
	{4500, UDP, "ipsec-nat-t"},
	{4739, BOTH, "ipfix"},
	{4789, UDP, "vxlan"},
	{5060, BOTH, "sip"},
	{5061, TCP, "sips"},
	{5222, TCP, "xmpp-client"},
	{5353, UDP, "mdns"},
	{5355, UDP, "llmnr"},
	{5432, TCP, "postgresql"},
	{5672, TCP, "amqp"},
	{5900, TCP, "vnc"},
	{5985, TCP, "wsman"},
	{5986, TCP, "wsmans"},
	{6000, TCP, "x11"},
	{6081, UDP, "geneve"},
	{6343, UDP, "sflow"},
	{6379, TCP, "redis"},
	{6443, TCP, "kubernetes"},
	{6514, TCP, "syslog-tls"},
	{6667, TCP, "ircd"},
	{8000, TCP, "http-alt"},
	{8008, TCP, "http-alt"},
	{8080, TCP, "http-alt"},
	{8443, TCP, "https-alt"},
	{8883, TCP, "secure-mqtt"},
	{9000, TCP, "cslistener"},
	{9092, TCP, "kafka"},
	{9100, TCP, "jetdirect"},
	{9200, TCP, "elasticsearch"},
	{9418, TCP, "git"},
	{9995, UDP, "netflow"},
	{9996, UDP, "netflow"},
	{10050, TCP, "zabbix-agent"},
	{10051, TCP, "zabbix-trapper"},
	{11211, BOTH, "memcache"},
	{27017, TCP, "mongodb"},
};

static uint8_t proto_bit(uint8_t proto)
{
	return proto == 6 ? TCP : proto == 17 ? UDP : 0;
}

/* ports[] by port number: its index + 1, 0 for none. Built once (a
 * port is asked for both ends of every conversation a commit decides). */
static uint8_t port_index[65536];
static pthread_once_t port_index_once = PTHREAD_ONCE_INIT;

static void build_port_index(void)
{
	_Static_assert(sizeof(ports) / sizeof(ports[0]) < 255, "port_index holds ports[] indices + 1 in a byte");
	for (size_t i = 0; i < sizeof(ports) / sizeof(ports[0]); i++)
		port_index[ports[i].port] = (uint8_t)(i + 1);
}

static const struct port_entry *port_lookup(uint16_t port)
{
	pthread_once(&port_index_once, build_port_index);
	uint8_t i = port_index[port];
	return i ? &ports[i - 1] : NULL;
}

const char *np_service_by_port(uint8_t proto, uint16_t port)
{
	const struct port_entry *e = port_lookup(port);
	return e && (e->protos & proto_bit(proto)) ? e->name : NULL;
}

bool np_port_is_service(uint8_t proto, uint16_t port)
{
	return np_service_by_port(proto, port) != NULL;
}

bool np_port_is_receive_only(uint8_t proto, uint16_t port)
{
	static const uint16_t receive_only[] = {162, 514, 2055, 4739, 6343, 9995, 9996};
	if (proto != 17)
		return false;
	for (size_t i = 0; i < sizeof(receive_only) / sizeof(receive_only[0]); i++)
		if (receive_only[i] == port)
			return true;
	return false;
}

bool np_port_is_ephemeral(uint16_t port)
{
	return (port >= 1024 && port <= 5000) || port >= 32768;
}

/* ---- payloads ------------------------------------------------------------ */

static bool starts_with(const uint8_t *p, uint32_t len, const char *s)
{
	size_t n = strlen(s);
	return len >= n && memcmp(p, s, n) == 0;
}

static np_payload_id id(const char *service, uint8_t role)
{
	np_payload_id r = {service, role};
	return r;
}

static np_payload_id identify_text(const uint8_t *p, uint32_t len)
{
	static const char *const http_methods[] = {"GET ",     "POST ",    "HEAD ",  "PUT ",  "DELETE ",
						   "OPTIONS ", "CONNECT ", "PATCH ", "TRACE "};
	if (starts_with(p, len, "SSH-"))
		return id("ssh", NP_PAYLOAD_UNKNOWN); /* both sides send a banner */
	for (size_t i = 0; i < sizeof(http_methods) / sizeof(http_methods[0]); i++)
		if (starts_with(p, len, http_methods[i]))
			return id("http", NP_PAYLOAD_FROM_CLIENT);
	if (starts_with(p, len, "HTTP/1.") || starts_with(p, len, "HTTP/2"))
		return id("http", NP_PAYLOAD_FROM_SERVER);
	if (starts_with(p, len, "220 ") || starts_with(p, len, "220-")) {
		/* A greeting: SMTP and FTP both say 220; SMTP says so. */
		for (uint32_t i = 4; i + 4 <= len && i < 200; i++)
			if (memcmp(p + i, "SMTP", 4) == 0)
				return id("smtp", NP_PAYLOAD_FROM_SERVER);
		return id("ftp", NP_PAYLOAD_FROM_SERVER);
	}
	if (starts_with(p, len, "USER ") || starts_with(p, len, "PASV") || starts_with(p, len, "EPSV") ||
	    starts_with(p, len, "PORT ") || starts_with(p, len, "EPRT "))
		return id("ftp", NP_PAYLOAD_FROM_CLIENT);
	if (starts_with(p, len, "EHLO ") || starts_with(p, len, "HELO "))
		return id("smtp", NP_PAYLOAD_FROM_CLIENT);
	return id(NULL, NP_PAYLOAD_UNKNOWN);
}

static np_payload_id identify_binary_tcp(const uint8_t *p, uint32_t len)
{
	uint8_t b0 = 0, b1 = 0, b2 = 0, b5 = 0;
	uint32_t cookie = 0;
	np_get_u8(p, p + len, &b0);
	np_get_u8(p + 1, p + len, &b1);
	/* TELNET: IAC (255) followed by WILL/WONT/DO/DONT. */
	if (b0 == 255 && b1 >= 251 && b1 <= 254)
		return id("telnet", NP_PAYLOAD_UNKNOWN);
	/* PPTP control: magic cookie at offset 4. */
	if (np_get_be32(p + 4, p + len, &cookie) && cookie == 0x1a2b3c4d)
		return id("pptp", NP_PAYLOAD_UNKNOWN);
	/* TLS record, handshake, ClientHello / ServerHello: the handshake
	 * length fits a hello (38 bytes at least, under 64 KiB) and the hello
	 * starts with a 3.x version. The type byte alone let random bytes
	 * after a record header (bench/gen_capture's hellos) name the wrong
	 * side one time in 128. */
	uint8_t h1 = 0, v0 = 0, v1 = 0;
	uint16_t hlen = 0;
	if (b0 == 0x16 && b1 == 3 && np_get_u8(p + 2, p + len, &b2) && b2 <= 4 && np_get_u8(p + 5, p + len, &b5) &&
	    np_get_u8(p + 6, p + len, &h1) && np_get_be16(p + 7, p + len, &hlen) && np_get_u8(p + 9, p + len, &v0) &&
	    np_get_u8(p + 10, p + len, &v1) && h1 == 0 && hlen >= 38 && v0 == 3 && v1 <= 4) {
		if (b5 == 1)
			return id("tls", NP_PAYLOAD_FROM_CLIENT);
		if (b5 == 2)
			return id("tls", NP_PAYLOAD_FROM_SERVER);
	}
	return id(NULL, NP_PAYLOAD_UNKNOWN);
}

/* BOOTP/DHCP (RFC 2131): op 1 request / 2 reply, Ethernet hardware
 * address length, and the DHCP magic cookie at offset 236. */
static np_payload_id identify_dhcp(const uint8_t *p, uint32_t len)
{
	const uint8_t *end = p + len;
	uint8_t op, htype, hlen;
	uint32_t cookie;
	if (!np_get_u8(p, end, &op) || !np_get_u8(p + 1, end, &htype) || !np_get_u8(p + 2, end, &hlen) ||
	    !np_get_be32(p + 236, end, &cookie))
		return id(NULL, NP_PAYLOAD_UNKNOWN);
	if ((op != 1 && op != 2) || hlen > 16 || cookie != 0x63825363)
		return id(NULL, NP_PAYLOAD_UNKNOWN);
	(void)htype;
	return id("dhcp", op == 1 ? NP_PAYLOAD_FROM_CLIENT : NP_PAYLOAD_FROM_SERVER);
}

/* DHCPv6 (RFC 8415): a message type, then options (code, length) that tile
 * the rest exactly and include a client identifier. The header alone is
 * only four bytes, so the tiling is what tells it from DNS and the rest. */
static np_payload_id identify_dhcpv6(const uint8_t *p, uint32_t len)
{
	const uint8_t *end = p + len;
	uint8_t type;
	if (len < 8 || !np_get_u8(p, end, &type) || type < 1 || type > 13)
		return id(NULL, NP_PAYLOAD_UNKNOWN);
	uint32_t off = type >= 12 ? 34 : 4; /* relay messages carry two addresses */
	bool client_id = false;
	while (off < len) {
		uint16_t code, olen;
		if (!np_get_be16(p + off, end, &code) || !np_get_be16(p + off + 2, end, &olen) || code == 0 ||
		    code > 150)
			return id(NULL, NP_PAYLOAD_UNKNOWN);
		client_id |= code == 1 || code == 9; /* client id, or a relayed message */
		off += 4u + olen;
	}
	if (off != len || !client_id)
		return id(NULL, NP_PAYLOAD_UNKNOWN);
	bool from_server = type == 2 || type == 7 || type == 10 || type == 13;
	return id("dhcpv6", from_server ? NP_PAYLOAD_FROM_SERVER : NP_PAYLOAD_FROM_CLIENT);
}

/* DNS header that makes sense: one question, opcode query, small counts. */
static np_payload_id identify_dns(const uint8_t *p, uint32_t len)
{
	uint16_t flags, qd, an, ns, ar;
	const uint8_t *end = p + len;
	if (len < 17 || !np_get_be16(p + 2, end, &flags) || !np_get_be16(p + 4, end, &qd) ||
	    !np_get_be16(p + 6, end, &an) || !np_get_be16(p + 8, end, &ns) || !np_get_be16(p + 10, end, &ar))
		return id(NULL, NP_PAYLOAD_UNKNOWN);
	bool response = flags & 0x8000;
	unsigned opcode = (flags >> 11) & 0xf;
	if (qd != 1 || opcode > 5 || an > 100 || ns > 100 || ar > 100)
		return id(NULL, NP_PAYLOAD_UNKNOWN);
	if (!response && (an || ns))
		return id(NULL, NP_PAYLOAD_UNKNOWN);
	/* The question name must be a sequence of sane labels. */
	const uint8_t *q = p + 12;
	for (int labels = 0; labels < 64; labels++) {
		uint8_t l;
		if (!np_get_u8(q, end, &l) || l > 63)
			return id(NULL, NP_PAYLOAD_UNKNOWN);
		if (l == 0)
			return id("dns", response ? NP_PAYLOAD_FROM_SERVER : NP_PAYLOAD_FROM_CLIENT);
		q += 1 + l;
	}
	return id(NULL, NP_PAYLOAD_UNKNOWN);
}

/* NTP: 48 bytes or more, version 1-4, mode 3 client, 4 server, and header
 * fields in their ranges (stratum 0-16, poll 0-17, precision -32..32 as
 * chrony's client sends 32, a server's -32..0; a transmit time), so that
 * random bytes of some other UDP protocol rarely pass: a game's datagrams
 * of 48-68 bytes were taken for NTP one time in sixteen by the mode alone. */
static np_payload_id identify_ntp(const uint8_t *p, uint32_t len)
{
	if (len < 48 || len > 1024)
		return id(NULL, NP_PAYLOAD_UNKNOWN);
	unsigned version = (p[0] >> 3) & 7, mode = p[0] & 7;
	unsigned stratum = p[1], poll = p[2];
	/* NOLINTNEXTLINE(bugprone-signed-char-misuse,cert-str34-c): signed on the wire */
	int precision = (int8_t)p[3];
	bool xmit = false;
	for (int i = 40; i < 48; i++)
		xmit |= p[i] != 0;
	if (version < 1 || version > 4 || stratum > 16 || poll > 17 || precision < -32 || precision > 32 || !xmit)
		return id(NULL, NP_PAYLOAD_UNKNOWN);
	if (mode == 3)
		return id("ntp", NP_PAYLOAD_FROM_CLIENT);
	if (mode == 4 && precision <= 0)
		return id("ntp", NP_PAYLOAD_FROM_SERVER);
	return id(NULL, NP_PAYLOAD_UNKNOWN);
}

/* NTP control (mode 6, RFC 9327: ntpq) and private (mode 7: ntpdc)
 * messages. Mode 6: a 12-byte header whose count of data bytes, padded to
 * 32 bits, is the rest of the datagram (with an optional MAC); the R bit
 * says response. Mode 7: the R bit, an implementation (0, 2, 3), a request
 * code and item counts that fit. Both are queries a server answers. */
static np_payload_id identify_ntp_control(const uint8_t *p, uint32_t len)
{
	const uint8_t *end = p + len;
	uint8_t b0, b1, b2, b3;
	uint16_t count, offset, items, itemsize;
	if (!np_get_u8(p, end, &b0) || !np_get_u8(p + 1, end, &b1) || !np_get_u8(p + 2, end, &b2) ||
	    !np_get_u8(p + 3, end, &b3))
		return id(NULL, NP_PAYLOAD_UNKNOWN);
	unsigned version = (b0 >> 3) & 7, mode = b0 & 7;
	if (version < 1 || version > 4)
		return id(NULL, NP_PAYLOAD_UNKNOWN);
	bool response = b1 & 0x80;
	if (mode == 6 && np_get_be16(p + 8, end, &offset) && np_get_be16(p + 10, end, &count)) {
		unsigned op = b1 & 0x1f;
		uint32_t padded = 12u + ((count + 3u) & ~3u);
		if (op < 1 || op > 31 || count > 468 || (len != padded && len != padded + 20 && len != padded + 24))
			return id(NULL, NP_PAYLOAD_UNKNOWN);
		if (!response && offset != 0)
			return id(NULL, NP_PAYLOAD_UNKNOWN);
		return id("ntp", response ? NP_PAYLOAD_FROM_SERVER : NP_PAYLOAD_FROM_CLIENT);
	}
	if (mode == 7 && len >= 8 && np_get_be16(p + 4, end, &items) && np_get_be16(p + 6, end, &itemsize)) {
		response = b0 & 0x80;
		unsigned n = items & 0xfff, size = itemsize & 0xfff;
		if ((b2 != 0 && b2 != 2 && b2 != 3) || b3 > 63 || (itemsize & 0xf000) || n * size > 500 ||
		    8u + n * size > len)
			return id(NULL, NP_PAYLOAD_UNKNOWN);
		return id("ntp", response ? NP_PAYLOAD_FROM_SERVER : NP_PAYLOAD_FROM_CLIENT);
	}
	return id(NULL, NP_PAYLOAD_UNKNOWN);
}

/* Syslog over UDP (RFC 3164 and 5424): "<PRI>" with PRI 0-191, then a
 * version digit, a month name or a host: something printable. Only
 * senders send it; the collector never answers. */
static np_payload_id identify_syslog(const uint8_t *p, uint32_t len)
{
	uint32_t i = 1;
	unsigned pri = 0;
	if (len < 4 || p[0] != '<')
		return id(NULL, NP_PAYLOAD_UNKNOWN);
	while (i < len && i <= 3 && p[i] >= '0' && p[i] <= '9')
		pri = pri * 10 + (p[i++] - '0');
	if (i == 1 || i >= len || p[i] != '>' || pri > 191 || (p[1] == '0' && i > 2))
		return id(NULL, NP_PAYLOAD_UNKNOWN);
	if (i + 1 >= len || p[i + 1] < 0x20 || p[i + 1] > 0x7e)
		return id(NULL, NP_PAYLOAD_UNKNOWN);
	return id("syslog", NP_PAYLOAD_FROM_CLIENT);
}

/* SNMP (RFC 3416): SEQUENCE { INTEGER version 0-3, ... , PDU }. v1/v2c
 * carry a community string before the PDU, whose tag says the role:
 * GetRequest, GetNext, Set, GetBulk from the manager (the client of the
 * agent), Response from the agent; Trap, SNMPv2-Trap and Inform from the
 * agent to the trap receiver, which serves on 162. */
static np_payload_id identify_snmp(const uint8_t *p, uint32_t len)
{
	const uint8_t *end = p + len;
	uint8_t t0, l0, ti, li, ver, tc, lc, pdu;
	if (!np_get_u8(p, end, &t0) || !np_get_u8(p + 1, end, &l0) || t0 != 0x30 || l0 >= 0x80 || 2u + l0 != len ||
	    !np_get_u8(p + 2, end, &ti) || !np_get_u8(p + 3, end, &li) || !np_get_u8(p + 4, end, &ver) || ti != 0x02 ||
	    li != 1 || ver > 1 || !np_get_u8(p + 5, end, &tc) || !np_get_u8(p + 6, end, &lc) || tc != 0x04 ||
	    lc >= 0x80 || !np_get_u8(p + 7 + lc, end, &pdu))
		return id(NULL, NP_PAYLOAD_UNKNOWN);
	switch (pdu) {
	case 0xa0:
	case 0xa1:
	case 0xa3:
	case 0xa5: return id("snmp", NP_PAYLOAD_FROM_CLIENT);
	case 0xa2: return id("snmp", NP_PAYLOAD_FROM_SERVER);
	case 0xa4:
	case 0xa6:
	case 0xa7: return id("snmptrap", NP_PAYLOAD_FROM_CLIENT);
	default: return id(NULL, NP_PAYLOAD_UNKNOWN);
	}
}

/* Flow export to a collector, which never answers: NetFlow v5 (a 24-byte
 * header and 1-30 records of 48 bytes), NetFlow v9 (RFC 3954: version 9,
 * a count, sysuptime, time), IPFIX (RFC 7011: version 10 and the message
 * length, which is the datagram's), sFlow v5 (version 5 as 32 bits, agent
 * address type 1 or 2). The exporter is the collector's client. */
static np_payload_id identify_flow_export(const uint8_t *p, uint32_t len)
{
	const uint8_t *end = p + len;
	uint16_t version = 0, count = 0, mlen = 0;
	uint32_t v32 = 0, atype = 0, unix_secs = 0;
	if (!np_get_be16(p, end, &version) || !np_get_be16(p + 2, end, &count))
		return id(NULL, NP_PAYLOAD_UNKNOWN);
	if (version == 5 && count >= 1 && count <= 30 && len == 24u + 48u * count)
		return id("netflow", NP_PAYLOAD_FROM_CLIENT);
	if (version == 9 && count >= 1 && count <= 200 && len >= 24 && np_get_be32(p + 8, end, &unix_secs) &&
	    unix_secs > 946684800u)
		return id("netflow", NP_PAYLOAD_FROM_CLIENT);
	mlen = count;
	if (version == 10 && mlen == len && len >= 20 && np_get_be32(p + 4, end, &unix_secs) && unix_secs > 946684800u)
		return id("ipfix", NP_PAYLOAD_FROM_CLIENT);
	if (np_get_be32(p, end, &v32) && v32 == 5 && np_get_be32(p + 4, end, &atype) && (atype == 1 || atype == 2) &&
	    len >= 28)
		return id("sflow", NP_PAYLOAD_FROM_CLIENT);
	return id(NULL, NP_PAYLOAD_UNKNOWN);
}

/* QUIC (RFC 9000, 9369): a long header (form and fixed bits set), a known
 * version (1, 2, drafts 0xff0000xx, Google's Q0xx), connection id lengths
 * of at most 20 that fit. Initial packets come from both sides, padded
 * alike; only 0-RTT is the client's alone. */
static np_payload_id identify_quic(const uint8_t *p, uint32_t len)
{
	const uint8_t *end = p + len;
	uint8_t b0, dcil, scil;
	uint32_t version;
	if (!np_get_u8(p, end, &b0) || (b0 & 0xc0) != 0xc0 || !np_get_be32(p + 1, end, &version) ||
	    !np_get_u8(p + 5, end, &dcil) || dcil > 20 || !np_get_u8(p + 6 + dcil, end, &scil) || scil > 20 ||
	    7u + dcil + scil >= len)
		return id(NULL, NP_PAYLOAD_UNKNOWN);
	bool known = version == 1 || version == 0x6b3343cf || (version & 0xffffff00u) == 0xff000000u ||
		     (version & 0xffffff00u) == 0x51303000u;
	if (!known)
		return id(NULL, NP_PAYLOAD_UNKNOWN);
	unsigned type = version == 0x6b3343cf ? ((b0 >> 4) + 3) & 3 : (b0 >> 4) & 3; /* v2 rotates the types */
	return id("quic", type == 1 ? NP_PAYLOAD_FROM_CLIENT : NP_PAYLOAD_UNKNOWN);
}

/* SIP (RFC 3261): a request line "METHOD sip:uri SIP/2.0" from the side
 * acting as client, a status line "SIP/2.0 200 OK" from the server. Over
 * UDP both ends often use port 5060, so only this tells them apart. */
static np_payload_id identify_sip(const uint8_t *p, uint32_t len)
{
	static const char *const methods[] = {"REGISTER ", "INVITE ",    "ACK ",    "BYE ",     "CANCEL ",
					      "OPTIONS ",  "SUBSCRIBE ", "NOTIFY ", "MESSAGE ", "INFO ",
					      "PRACK ",    "UPDATE ",    "REFER ",  "PUBLISH "};
	if (starts_with(p, len, "SIP/2.0 "))
		return id("sip", NP_PAYLOAD_FROM_SERVER);
	for (size_t i = 0; i < sizeof(methods) / sizeof(methods[0]); i++) {
		size_t n = strlen(methods[i]);
		if (starts_with(p, len, methods[i]) &&
		    (starts_with(p + n, len - n, "sip:") || starts_with(p + n, len - n, "sips:") ||
		     starts_with(p + n, len - n, "tel:")))
			return id("sip", NP_PAYLOAD_FROM_CLIENT);
	}
	return id(NULL, NP_PAYLOAD_UNKNOWN);
}

/* RTP (RFC 3550): version 2, no padding, no CSRCs (first byte 0x80, or
 * 0x90 with a header extension), a payload type that is an assigned audio
 * or video one (RFC 3551) or dynamic (96-127), a non-zero SSRC. RTCP:
 * version 2, packet type 200-204 (SR, RR, SDES, BYE, APP), a length that
 * fits. Media flows between peers; naming them lets the roles say "no
 * server" where ports alone would guess. */
static np_payload_id identify_rtp(const uint8_t *p, uint32_t len)
{
	if (len < 8)
		return id(NULL, NP_PAYLOAD_UNKNOWN);
	uint8_t pt = p[1] & 0x7f;
	if ((p[0] & 0xc0) == 0x80 && p[1] >= 200 && p[1] <= 204) {
		uint32_t words = ((uint32_t)p[2] << 8 | p[3]) + 1;
		if (words * 4 <= len)
			return id("rtcp", NP_PAYLOAD_UNKNOWN);
		return id(NULL, NP_PAYLOAD_UNKNOWN);
	}
	bool assigned = pt <= 34 && !(pt >= 19 && pt <= 24) && pt != 1 && pt != 2 && pt != 27 && pt != 29 && pt != 30;
	if (len >= 12 && (p[0] == 0x80 || p[0] == 0x90) && (assigned || pt >= 96) && (p[8] | p[9] | p[10] | p[11]) != 0)
		return id("rtp", NP_PAYLOAD_UNKNOWN);
	return id(NULL, NP_PAYLOAD_UNKNOWN);
}

np_payload_id np_identify_payload(uint8_t proto, const uint8_t *p, uint32_t len)
{
	if (!p || len == 0)
		return id(NULL, NP_PAYLOAD_UNKNOWN);
	if (proto == 6) {
		/* Every text prefix below begins with a capital or "220": most
		 * binary payloads (TLS records, data) skip the string compares. */
		if ((p[0] < 'A' || p[0] > 'Z') && p[0] != '2')
			return identify_binary_tcp(p, len);
		np_payload_id r = identify_sip(p, len);
		if (r.service)
			return r;
		r = identify_text(p, len);
		return r.service ? r : identify_binary_tcp(p, len);
	}
	if (proto == 17) {
		np_payload_id r = identify_dhcp(p, len);
		if (!r.service)
			r = identify_dhcpv6(p, len);
		if (!r.service)
			r = identify_dns(p, len);
		if (!r.service && len >= 48 && len <= 68)
			r = identify_ntp(p, len);
		if (!r.service)
			r = identify_ntp_control(p, len);
		if (!r.service)
			r = identify_syslog(p, len);
		if (!r.service)
			r = identify_snmp(p, len);
		if (!r.service)
			r = identify_flow_export(p, len);
		if (!r.service)
			r = identify_quic(p, len);
		if (!r.service)
			r = identify_sip(p, len);
		if (!r.service)
			r = identify_rtp(p, len);
		return r;
	}
	return id(NULL, NP_PAYLOAD_UNKNOWN);
}

/* ---- ids ----------------------------------------------------------------- */

static const char *const id_names[] = {
	NULL,  "ssh", "http", "ftp",  "ftp-data", "smtp",   "telnet", "pptp",     "tls",     "dns",   "ntp",   "gre",
	"sip", "rtp", "rtcp", "dhcp", "dhcpv6",   "syslog", "snmp",   "snmptrap", "netflow", "ipfix", "sflow", "quic",
};

uint8_t np_service_id(const char *name)
{
	if (!name)
		return 0;
	for (size_t i = 1; i < sizeof(id_names) / sizeof(id_names[0]); i++)
		if (strcmp(id_names[i], name) == 0)
			return (uint8_t)i;
	return 0;
}

const char *np_service_name(uint8_t i)
{
	return i < sizeof(id_names) / sizeof(id_names[0]) ? id_names[i] : NULL;
}
