/*
 * print.h - the tcpdump-compatible text printer: shared context and the
 * interface every protocol printer implements.
 *
 * Output must be byte-identical to `tcpdump -n` 4.99.3. Printers follow
 * tcpdump's walk: each gets the bytes of its header (p) and the length the
 * layer below claims for it (length), and reads within pr->snapend, the end
 * of the captured bytes in scope. Header fields come from the decoded
 * layers (print_layer_at() finds the np_layer the decoder recorded at p),
 * so headers are parsed once, by decode/; printers walk only the variable
 * parts (options, message bodies) with the NP_GET_* accessors.
 *
 * On running out of captured bytes a printer prints " [|proto]" (see
 * print_trunc) and returns; there is no longjmp.
 *
 * Not for: deciding anything about flows or servers.
 */
#ifndef NP_PRINT_H
#define NP_PRINT_H

#include <stdbool.h>
#include <stdint.h>

#include "../decode/packet.h"
#include "../util/bytes.h"
#include "../util/out.h"

typedef struct np_print_opts {
	int tflag;             /* 0 default, 1 -t, 2 -tt, 3 -ttt, 4 -tttt, 5 -ttttt */
	int vflag;             /* -v count */
	int eflag;             /* -e */
	int qflag;             /* -q */
	int Sflag;             /* -S: absolute TCP sequence numbers */
	int xflag;             /* -x count */
	int Xflag;             /* -X count */
	int Aflag;             /* -A count */
	int number;            /* -#: number the packets */
	int nano;              /* timestamps are nanoseconds */
	int suppress_default;  /* -q, -x, -X: no hex dump of unknown payloads */
	int style;             /* enum np_print_style (decode --style) */
	int packettype;        /* enum np_packet_type (decode -T) */
	int bflag;             /* -b: BGP AS numbers over 65535 as asdot */
	const char *espsecret; /* -E: ESP secrets (esp.c), NULL when none */
} np_print_opts;

/* tcpdump's -T: UDP (and for domain, TCP) payloads printed as this
 * protocol whatever their ports. Only the types with a printer here. */
enum np_packet_type {
	NP_PT_NONE = 0,
	NP_PT_DOMAIN,
	NP_PT_SNMP,
	NP_PT_TFTP,
	NP_PT_PGM,
	NP_PT_PGM_ZMTP1,
	NP_PT_ZMTP1,
	NP_PT_RESP,
	NP_PT_LMP,
	NP_PT_VAT,
	NP_PT_WB,
	NP_PT_RTP,
	NP_PT_RTCP
};

/* Output styles: tcpdump 4.99's text, or tcpdump 3.x's as WinDump printed
 * it in 2001 (print/classic.c). */
enum np_print_style { NP_STYLE_TCPDUMP = 0, NP_STYLE_CLASSIC = 1 };

struct tcp_seq_table;  /* print/tcp.c: relative sequence number state */
struct slip_state;     /* print/slip.c: VJ compression lengths per connection */
struct nfs_xid_map;    /* print/nfs.c: recent NFS calls, to read their replies */
struct isakmp_cookies; /* print/isakmp.c: initiator cookies seen */
struct esp_secrets;    /* print/esp.c: the SAs of -E */

#define NP_PRINT_SCRATCH 8

typedef struct np_printer {
	np_print_opts o;
	np_out *out;
	const np_packet *pkt;   /* the packet being printed */
	const uint8_t *snapend; /* end of captured bytes in scope */
	const char *protocol;   /* name used by print_trunc: "ip", "tcp", ... */
	uint32_t ll_hdr_len;    /* link header length, for -x/-X without link */
	uint32_t count;         /* packets printed so far */
	int64_t ts_cache_sec;   /* the last second formatted, and its text */
	int ts_cache_kind;      /* 0 empty, else 1 + with_date * 2 + local */
	char ts_cache[40];
	int64_t ref_sec; /* -ttt / -ttttt reference time */
	uint32_t ref_frac;
	bool have_ref;
	struct tcp_seq_table *tcp_seq;
	struct slip_state *slip;
	struct nfs_xid_map *nfs_xids;
	struct isakmp_cookies *isakmp;
	struct esp_secrets *esp;
	bool stopped;                        /* see print_trunc_stop */
	unsigned nscratch;                   /* scratch decodes used by this packet */
	np_packet scratch[NP_PRINT_SCRATCH]; /* headers decoded on demand */
} np_printer;

void print_init(np_printer *pr, const np_print_opts *o, np_out *out);
void print_free(np_printer *pr);

/* Print one decoded packet, one line (more with -v/-x), ending in '\n'. */
void print_packet(np_printer *pr, const np_packet *pkt);
/* classic.c: what follows the timestamp in the classic style (link,
 * network and transport text, the -x dump), without the newline. */
void print_classic_packet(np_printer *pr, const np_packet *pkt);

/* The decoded layer of `kind` that starts at p. When the decoder did not
 * record one there (a header inside an ICMP error, a tunnel the packet-level
 * decode did not enter), it is decoded now, within pr->snapend, with `len`
 * as the length the layer below claims. Never NULL. */
const np_layer *print_layer_at(np_printer *pr, uint8_t kind, const uint8_t *p, uint32_t len);

/* " [|proto]" with pr->protocol: a printer's own truncation note, after
 * which the printers around it carry on (tcpdump's nd_print_trunc). */
void print_trunc(np_printer *pr);
/* The same note, but nothing more is printed for this packet but the -x/-X
 * dumps: what tcpdump does when a GET_ macro runs off the capture (its
 * longjmp). Sets pr->stopped; every printer returns at once after calling
 * another if pr->stopped is set. The NP_GET_* macros' `trunc:` labels in
 * printers end in this. */
void print_trunc_stop(np_printer *pr);
/* tcpdump's nd_printztn: a NUL-terminated string within n bytes; the bytes
 * it took, NUL included, or 0 when no NUL came within n bytes or before
 * the capture ended (what was there is printed). */
uint32_t print_text_zt(np_printer *pr, const uint8_t *p, uint32_t n);
/* tcpdump's nd_printjnp: up to n bytes as safe text, stopping at a NUL;
 * false when the capture ended first. */
bool print_text_nul(np_printer *pr, const uint8_t *p, uint32_t n);
/* A duration in seconds as tcpdump's unsigned_relts_print: "1h2m3s", "0s". */
void print_relts(np_printer *pr, uint32_t secs);
/* tcpdump's ND_TCHECK_LEN after an invalid field: the truncation stop
 * when [p, p+length) is not all captured, nothing otherwise. */
void print_rest_captured(np_printer *pr, const uint8_t *p, uint32_t length);
/* " (invalid)". */
void print_invalid(np_printer *pr);
/* One packet byte as tcpdump's fn_print_char: "M-" for 8-bit, "^" for controls. */
void print_safe_char(np_printer *pr, uint8_t c);
/* tcpdump's nd_printn: n packet bytes as safe text, as far as captured;
 * false when the capture ended first (dns.c). */
bool print_text(np_printer *pr, const uint8_t *p, uint32_t n);

/* Narrow the captured scope to [p, p+len) if that is shorter; returns the
 * old snapend for print_pop_snapend. */
const uint8_t *print_push_snaplen(np_printer *pr, const uint8_t *p, uint32_t len);
static inline void print_pop_snapend(np_printer *pr, const uint8_t *old)
{
	pr->snapend = old;
}

/* Bytes captured from p within scope (0 if p is past the end). */
static inline uint32_t print_caplen_from(const np_printer *pr, const uint8_t *p)
{
	return p < pr->snapend ? (uint32_t)(pr->snapend - p) : 0;
}

/* hexdump.c: tcpdump's -x/-X/-A dumps and the default unknown-payload dump.
 * Each returns false when it ran out of captured bytes (it has printed the
 * truncation mark then). */
bool print_hex(np_printer *pr, const char *indent, const uint8_t *p, uint32_t len);
/* The -x dump with line offsets starting at offset (tcpdump's hex_print_with_offset). */
bool print_hex_offset(np_printer *pr, const char *indent, const uint8_t *p, uint32_t len, uint32_t offset);
bool print_hex_ascii(np_printer *pr, const char *indent, const uint8_t *p, uint32_t len);
bool print_hex_ascii_offset(np_printer *pr, const char *indent, const uint8_t *p, uint32_t len, uint32_t offset);
bool print_ascii(np_printer *pr, const uint8_t *p, uint32_t len);
/* What tcpdump prints for a payload it has no printer for (hex+ascii, -x level aware). */
void print_default(np_printer *pr, const uint8_t *p, uint32_t caplen);
/* tcpdump's print_unknown_data: the -x style dump of what is captured of
 * [p, p+len), each line starting with indent. */
void print_unknown_data(np_printer *pr, const uint8_t *p, const char *indent, uint32_t len);

/* An OSI NSAP address (isoclns.c), tcpdump's isonsap_string for n bytes
 * at p: "49.0001.1921..." or its "illegal length" note. False (nothing
 * printed) when the n bytes are not all captured. */
bool print_osi_nsap(np_printer *pr, const uint8_t *p, uint32_t n);
/* The same text for n bytes already in hand (checked, or copied out of
 * the packet, as BGP's NSAP prefixes are). */
void print_nsap_bytes(np_printer *pr, const uint8_t *p, uint32_t n);

/* ts.c */
void print_timestamp(np_printer *pr, int64_t sec, uint32_t frac);

/* A value->name table, tcpdump's tok2str. */
typedef struct np_tok {
	uint32_t v;
	const char *s;
} np_tok;
const char *tok_name(const np_tok *t, uint32_t v); /* NULL when absent */
extern const np_tok af_names[];                    /* address family numbers (IANA), tcpdump's af_values */
extern const np_tok bsd_af_names[];                /* BSD address families, tcpdump's bsd_af_values */
extern const np_tok oui_names[];                   /* organisation (OUI) names, tcpdump's oui_values */
extern const np_tok smi_names[];                   /* SMI enterprise codes, tcpdump's smi_values */
extern const np_tok mpls_pw_type_names[];          /* MPLS pseudowire types, tcpdump's mpls_pw_types_values */
extern const np_tok dns_type_names[];              /* DNS record types (dns.c), tcpdump's ns_type2str */
extern const np_tok dns_class_names[];             /* DNS classes (dns.c), tcpdump's ns_class2str */
/* Name or fmt (a printf format with one %u/%x) into the shared buffer. */
const char *tok2str(const np_tok *t, const char *fmt, uint32_t v);
/* tcpdump's bittok2str: names of set bits joined by sep ("none" when none). */
void print_bits(np_printer *pr, const np_tok *t, uint32_t v, const char *sep, const char *none);

/* Link-layer printers (print/<proto>.c). Each returns the link header length. */
uint32_t print_ether(np_printer *pr, const uint8_t *p, uint32_t length, uint32_t caplen);
/* Ethernet with a switch tag of taglen bytes after the addresses, printed
 * by tag (tcpdump's ether_switch_tag_print); dsa.c's Marvell DSA/EDSA. */
uint32_t print_ether_tagged(np_printer *pr, const uint8_t *p, uint32_t length, uint32_t caplen,
			    void (*tag)(np_printer *, const uint8_t *), uint32_t taglen);
uint32_t print_dsa(np_printer *pr, const uint8_t *p, uint32_t length, uint32_t caplen);
uint32_t print_edsa(np_printer *pr, const uint8_t *p, uint32_t length, uint32_t caplen);
/* IP over InfiniBand (ipoib.c), Solaris ipnet (ipnet.c), Linux vsock
 * monitoring (vsock.c) link types. */
uint32_t print_ipoib(np_printer *pr, const uint8_t *p, uint32_t length, uint32_t caplen);
uint32_t print_ipnet(np_printer *pr, const uint8_t *p, uint32_t length, uint32_t caplen);
uint32_t print_vsock(np_printer *pr, const uint8_t *p, uint32_t length, uint32_t caplen);
uint32_t print_arcnet_linux(np_printer *pr, const uint8_t *p, uint32_t length, uint32_t caplen);
/* ATM without an ATM header (atm.c): DLT_ATM_RFC1483 and DLT_ATM_CLIP. */
uint32_t print_atm_rfc1483_link(np_printer *pr, const uint8_t *p, uint32_t length, uint32_t caplen);
uint32_t print_atm_clip_link(np_printer *pr, const uint8_t *p, uint32_t length, uint32_t caplen);
/* Broadcom switch tags (brcmtag.c): after the addresses, or before the frame. */
uint32_t print_brcm_tag_link(np_printer *pr, const uint8_t *p, uint32_t length, uint32_t caplen);
uint32_t print_brcm_tag_prepend(np_printer *pr, const uint8_t *p, uint32_t length, uint32_t caplen);
uint32_t print_sll(np_printer *pr, const uint8_t *p, uint32_t length, uint32_t caplen);
uint32_t print_sll2(np_printer *pr, const uint8_t *p, uint32_t length, uint32_t caplen);
uint32_t print_null(np_printer *pr, const uint8_t *p, uint32_t length, uint32_t caplen);
uint32_t print_raw(np_printer *pr, const uint8_t *p, uint32_t length, uint32_t caplen);
uint32_t print_ipv4_link(np_printer *pr, const uint8_t *p, uint32_t length, uint32_t caplen);
uint32_t print_ipv6_link(np_printer *pr, const uint8_t *p, uint32_t length, uint32_t caplen);

/* 802.2 LLC after an 802.3 length (llc.c), tcpdump's llc_print: the LLC
 * header length, negative when the caller should hex-dump the payload.
 * src_mac and dst_mac may be NULL (links without MAC addresses). */
int print_llc(np_printer *pr, const uint8_t *p, uint32_t length, uint32_t caplen, const uint8_t *src_mac,
	      const uint8_t *dst_mac);
/* SNAP after LLC 0xaa/0xaa UI (snap.c), tcpdump's snap_print: non-zero
 * when a printer took the payload; bridged frames follow bridge_pad bytes
 * of padding (2 after LLC, 0 after Frame Relay's NLPID). */
int print_snap(np_printer *pr, const uint8_t *p, uint32_t length, uint32_t caplen, const uint8_t *src,
	       const uint8_t *dst, uint32_t bridge_pad);
/* Cisco Discovery Protocol after SNAP 00000c/2000 (cdp.c). */
void print_cdp(np_printer *pr, const uint8_t *p, uint32_t length);
/* Cisco DTP (dtp.c, PID 0x2004) and UDLD (udld.c, PID 0x0111) after SNAP. */
void print_dtp(np_printer *pr, const uint8_t *p, uint32_t length);
void print_udld(np_printer *pr, const uint8_t *p, uint32_t length);
/* Cisco VTP after SNAP 00000c/2003 (vtp.c). */
void print_vtp(np_printer *pr, const uint8_t *p, uint32_t length);
/* 802.1X EAPOL after ethertype 0x888e, and an EAP packet of length bytes
 * (eap.c): RADIUS's EAP-Message attribute. */
void print_eapol(np_printer *pr, const uint8_t *p);
void print_eap(np_printer *pr, const uint8_t *p, uint32_t length);
/* Spanning Tree BPDUs after LLC 0x42/0x42 UI (stp.c), tcpdump's stp_print. */
void print_stp(np_printer *pr, const uint8_t *p, uint32_t length);

/* Ethertype dispatch (print/ether.c): true if a printer took it. */
bool print_ethertype(np_printer *pr, uint16_t type, const uint8_t *p, uint32_t length, uint32_t caplen,
		     const uint8_t *src_mac, const uint8_t *dst_mac);
const char *ethertype_name(uint16_t type); /* NULL when unknown */
/* An 802.1Q tag's TCI as the -e text: "vlan N, p N[, DEI], ". */
void print_vlan_tci(np_printer *pr, uint16_t tci);

/* The Arista header after ethertype 0xd28b (arista.c): the bytes it took
 * (the original ethertype follows), -1 for a subtype or format tcpdump
 * does not decode, 0 when the packet stopped (pr->stopped). */
int print_arista(np_printer *pr, const uint8_t *p);
/* IEEE 802.3 Slow Protocols, ethertype 0x8809: LACP, Marker (slow.c). */
void print_slow(np_printer *pr, const uint8_t *p, uint32_t length);
/* PPPoE discovery and session, ethertypes 0x8863/0x8864 (pppoe.c). */
void print_pppoe(np_printer *pr, const uint8_t *p, uint32_t length);
/* 802.1AE MACsec SecTAG after ethertype 0x88e5 (macsec.c), tcpdump's
 * macsec_print: 0 when the payload is encrypted (the caller dumps it), -1
 * when the caller goes on with the inner ethertype at *bp, else the length
 * to return. */
int print_macsec(np_printer *pr, const uint8_t **bp, uint32_t *lengthp, uint32_t *caplenp, uint32_t *hdrlenp,
		 const uint8_t *src, const uint8_t *dst);
/* LLDP after ethertype 0x88cc (lldp.c), tcpdump's lldp_print. */
void print_lldp(np_printer *pr, const uint8_t *p, uint32_t length);
/* IEEE 802.1ag CFM after ethertype 0x8902 or 0xabcd (cfm.c), tcpdump's cfm_print. */
void print_cfm(np_printer *pr, const uint8_t *p, uint32_t length);

/* Network and transport printers, tcpdump's signatures. */
void print_arp(np_printer *pr, const uint8_t *p, uint32_t length, uint32_t caplen);
void print_ip(np_printer *pr, const uint8_t *p, uint32_t length); /* IPv4 */
void print_ip6(np_printer *pr, const uint8_t *p, uint32_t length);
/* IP version sniffing for raw links: "IP"/"IP6" by the version nibble. */
void print_ip_any(np_printer *pr, const uint8_t *p, uint32_t length);
/* Hand an IP payload to its protocol printer (ip_demux_print). */
void print_ip_demux(np_printer *pr, const uint8_t *p, uint32_t length, int ver, int fragmented, uint8_t ttl_hl,
		    uint8_t nh, const uint8_t *iph);
void print_tcp(np_printer *pr, const uint8_t *p, uint32_t length, const uint8_t *iph, int fragmented);
/* tcpdump's relative sequence numbers, for both styles: the first
 * ACK-bearing segment of a conversation (or any SYN) records its initial
 * numbers; later ones get *seq and *ack made relative to them (true then).
 * rel: what SACK blocks need. v6: src and dst are 16 bytes, else 4. */
struct tcp_rel {
	uint32_t thseq, thack;
	bool rev;
};
bool print_tcp_relative(np_printer *pr, bool v6, const uint8_t *src, const uint8_t *dst, uint16_t sport, uint16_t dport,
			uint8_t flags, uint32_t *seq, uint32_t *ack, struct tcp_rel *rel);
void tcp_seq_table_free(struct tcp_seq_table *t);
void slip_state_free(struct slip_state *s);
/* The Juniper link types ATM1, ES, Ethernet, PPP, Cisco HDLC (juniper.c). */
uint32_t print_juniper_link(np_printer *pr, const uint8_t *p, uint32_t length, uint32_t caplen);
/* The printer of link type dlt (a NP_DLT_* value) for the frame at p:
 * false, printing nothing, when there is none; *hdrlen is the link-layer
 * header length it counted. For link types that carry another (PKTAP). */
bool print_link_type(np_printer *pr, int dlt, const uint8_t *p, uint32_t len, uint32_t cap, uint32_t *hdrlen);
/* DLT_PKTAP, Apple's packet tap header (pktap.c). */
uint32_t print_pktap_link(np_printer *pr, const uint8_t *p, uint32_t length, uint32_t caplen);
/* DLT_NFLOG (nflog.c). */
uint32_t print_nflog_link(np_printer *pr, const uint8_t *p, uint32_t length, uint32_t caplen);
/* DLT_SLIP (slip.c). */
uint32_t print_slip_link(np_printer *pr, const uint8_t *p, uint32_t length, uint32_t caplen);
void isakmp_cookies_free(struct isakmp_cookies *c);
void esp_secrets_free(struct esp_secrets *s);
void print_udp(np_printer *pr, const uint8_t *p, uint32_t length, const uint8_t *iph, int fragmented, uint8_t ttl_hl);
void print_icmp(np_printer *pr, const uint8_t *p, uint32_t length, const uint8_t *iph, int fragmented);
void print_icmp6(np_printer *pr, const uint8_t *p, uint32_t length, const uint8_t *iph, int fragmented);
void print_gre(np_printer *pr, const uint8_t *p, uint32_t length);
/* IPv4 options list of ip -v (ip_opt.c): false when one ran off the capture. */
bool print_ip_options(np_printer *pr, const uint8_t *p, uint32_t len);
/* IPsec and friends (ah.c, esp.c, ipcomp.c, vrrp.c). print_ah returns the
 * AH header length, 0 when the packet stopped inside it. */
uint32_t print_ah(np_printer *pr, const uint8_t *p);
/* print_esp decrypts with -E: iph is the IP header before it. Its secrets
 * are read by print_init (warnings on stderr). */
void print_esp_secrets_load(np_printer *pr);
void print_esp(np_printer *pr, const uint8_t *p, uint32_t length, const uint8_t *iph, int fragmented, uint8_t ttl_hl);
void print_ipcomp(np_printer *pr, const uint8_t *p);
void print_vrrp(np_printer *pr, const uint8_t *p, uint32_t length, const uint8_t *iph, uint8_t ttl, int ver);
void print_igmp(np_printer *pr, const uint8_t *p, uint32_t length);  /* igmp.c */
void print_dvmrp(np_printer *pr, const uint8_t *p, uint32_t length); /* IGMP type 0x13 (dvmrp.c) */
/* Routing protocols over IP (eigrp.c, ...), tcpdump's signatures. */
void print_eigrp(np_printer *pr, const uint8_t *p, uint32_t length);
/* ETSI GeoNetworking (ethertypes 0x8947, 0x0707) and CALM FAST (0x1111),
 * geonet.c; src is the Ethernet source, NULL when there is none. */
void print_geonet(np_printer *pr, const uint8_t *p, uint32_t length, const uint8_t *src);
void print_calm_fast(np_printer *pr, const uint8_t *p, uint32_t length, const uint8_t *src);
/* ATA over Ethernet (aoe.c): ethertype 0x88a2. */
void print_aoe(np_printer *pr, const uint8_t *p, uint32_t length);
/* AppleTalk ARP (aarp.c): ethertype 0x80f3. */
void print_aarp(np_printer *pr, const uint8_t *p, uint32_t length);
/* AppleTalk DDP (atalk.c): ethertype 0x809b, ARCnet type 221; and an
 * AppleTalk address as "net.node" ("net" for node 255), which aarp.c shares. */
void print_atalk(np_printer *pr, const uint8_t *p, uint32_t length);
void print_at_addr(np_printer *pr, uint16_t net, uint8_t node);
/* DECnet Phase IV routing and NSP (decnet.c): ethertype 0x6003. */
void print_decnet(np_printer *pr, const uint8_t *p, uint32_t length);
/* Novell IPX (ipx.c): ethertype 0x8137, LLC SAP 0xe0, raw 802.3. */
void print_ipx(np_printer *pr, const uint8_t *p, uint32_t length);
void print_igrp(np_printer *pr, const uint8_t *p, uint32_t length); /* IP protocol 9 (igrp.c) */
void print_rsvp(np_printer *pr, const uint8_t *p, uint32_t length); /* IP protocol 46 (rsvp.c) */
void print_pim(np_printer *pr, const uint8_t *p, uint32_t length, const uint8_t *iph);
void print_pimv1(np_printer *pr, const uint8_t *p, uint32_t length); /* in IGMP type 0x14 */
void print_ospf6(np_printer *pr, const uint8_t *p, uint32_t length);
void print_ospf(np_printer *pr, const uint8_t *p, uint32_t length); /* OSPFv2 */
/* The grace (RFC 3623) and traffic engineering (RFC 3630) TLVs of an LSA
 * body, shared by OSPFv2 and OSPFv3 (ospf.c): false when they do not fit
 * (pr->stopped when the packet stopped). */
bool print_ospf_grace_tlvs(np_printer *pr, const uint8_t *t, uint32_t len);
bool print_ospf_te_tlvs(np_printer *pr, const uint8_t *t, uint32_t len);
/* GMPLS and Diffserv-TE value names (gmpls.c), shared by the TE printers. */
extern const np_tok gmpls_link_prot_names[];
extern const np_tok gmpls_switch_cap_names[];
extern const np_tok gmpls_tsc_indication_names[];
extern const np_tok gmpls_encoding_names[];
extern const np_tok diffserv_bc_names[];
/* An IEEE float bandwidth in bytes/s after lead, as tcpdump's "%.3f Mbps"
 * (computed in float as it does). */
void print_te_bw(np_printer *pr, const char *lead, uint32_t bits);
/* "src.port > dst.port: " for IPv4 or IPv6 by iph's version nibble (tcp.c). */
void print_ip_ports(np_printer *pr, const uint8_t *iph, uint16_t sport, uint16_t dport);
/* Checksum of the transport segment [p, p+len) under iph's pseudo-header
 * (the IP layer's final_dst); 0 when right. The segment must be captured
 * (l4cksum.c). */
uint16_t print_l4_cksum(np_printer *pr, const uint8_t *iph, const uint8_t *p, uint32_t len, uint8_t proto);
/* The same when only the first cov bytes are covered (DCCP's CsCov): the
 * pseudo-header still carries len. */
uint16_t print_l4_cksum_cov(np_printer *pr, const uint8_t *iph, const uint8_t *p, uint32_t len, uint32_t cov,
			    uint8_t proto);
/* OpenFlow (openflow.c): TCP 6653 and 6633. */
void print_openflow(np_printer *pr, const uint8_t *p, uint32_t len);
/* RESP, Redis's protocol (resp.c): TCP 6379 or -T resp. */
void print_resp(np_printer *pr, const uint8_t *p, uint32_t length);
/* PGM (pgm.c), IP protocol 113 or UDP with -T pgm / pgm_zmtp1. */
void print_pgm(np_printer *pr, const uint8_t *p, uint32_t length, const uint8_t *iph);
/* ZMTP/1.0 (zmtp.c): over TCP with -T zmtp1, and a PGM datagram's payload. */
void print_zmtp1(np_printer *pr, const uint8_t *p, uint32_t len);
void print_zmtp1_datagram(np_printer *pr, const uint8_t *p, uint32_t len);
/* DCCP (dccp.c), IP protocol 33, tcpdump's dccp_print. */
void print_dccp(np_printer *pr, const uint8_t *p, uint32_t len, const uint8_t *iph);
/* Payload printers called from TCP/UDP by port. */
/* The text protocols tcpdump prints with txtproto_print (txtproto.c). */
void print_http(np_printer *pr, const uint8_t *p, uint32_t length);   /* TCP 80, 8080 */
void print_rtsp(np_printer *pr, const uint8_t *p, uint32_t length);   /* TCP 554, 8554 */
void print_ftp(np_printer *pr, const uint8_t *p, uint32_t length);    /* TCP 21 */
void print_smtp(np_printer *pr, const uint8_t *p, uint32_t length);   /* TCP 25 */
void print_whois(np_printer *pr, const uint8_t *p, uint32_t length);  /* TCP 43 */
void print_ssh(np_printer *pr, const uint8_t *p, uint32_t length);    /* TCP 22 (ssh.c) */
void print_telnet(np_printer *pr, const uint8_t *p, uint32_t length); /* TCP 23 (telnet.c) */
void print_beep(np_printer *pr, const uint8_t *p, uint32_t length);   /* TCP 10288 (beep.c) */
/* The MPTCP option at opt (kind, length, ...; len bytes, all captured):
 * false when its length does not fit its subtype (mptcp.c). */
bool print_mptcp(np_printer *pr, const uint8_t *opt, uint32_t len, uint8_t tcp_flags);
void print_rpki_rtr(np_printer *pr, const uint8_t *p, uint32_t length); /* TCP 323 (rpki_rtr.c) */
void print_bgp(np_printer *pr, const uint8_t *p, uint32_t length);      /* TCP 179 (bgp.c) */
void print_pptp(np_printer *pr, const uint8_t *p, uint32_t length);     /* TCP 1723 (pptp.c) */
void print_snmp(np_printer *pr, const uint8_t *p, uint32_t length);     /* UDP 161, 162 (snmp.c) */
/* ISAKMP/IKEv1 and IKEv2 (isakmp.c): UDP 500, 7500, 8500; iph is the IP
 * header (the initiator cookie cache notes its addresses). The NAT-T form,
 * UDP 4500: keep-alive, non-ESP marker then ISAKMP, else ESP (RFC 3948). */
void print_isakmp(np_printer *pr, const uint8_t *p, uint32_t length, const uint8_t *iph);
void print_isakmp_natt(np_printer *pr, const uint8_t *p, uint32_t length, const uint8_t *iph, int fragmented,
		       uint8_t ttl_hl);
void print_ntp(np_printer *pr, const uint8_t *p, uint32_t length); /* UDP 123 (ntp.c) */
void print_radius(np_printer *pr, const uint8_t *p,
		  uint32_t length); /* UDP 1645, 1646, 1700, 1812, 1813, 3799 (radius.c) */
void print_bootp(np_printer *pr, const uint8_t *p, uint32_t length); /* UDP 67, 68 (bootp.c) */
/* tcpdump's p_ntp_time: an NTP timestamp as seconds.nanoseconds and, when
 * not zero, its UTC date (ntp.c). */
void print_ntp_time(np_printer *pr, uint32_t sec, uint32_t frac);
/* DNS (dns.c): UDP 53 and mDNS 5353, TCP 53 after its 2-byte length. */
void print_domain(np_printer *pr, const uint8_t *p, uint32_t length, bool over_tcp, bool mdns);
/* tcpdump's fqdn_print (dns.c): the name at cp, compression pointers
 * relative to base. The byte after the name in place, or NULL when it could
 * not be printed (pr->stopped when the packet stops there). */
const uint8_t *print_dns_name(np_printer *pr, const uint8_t *cp, const uint8_t *base);
/* DHCPv6 (dhcp6.c): UDP 546 and 547. */
void print_dhcp6(np_printer *pr, const uint8_t *p, uint32_t length);
/* BFD (bfd.c): UDP to 3784, 3785, 4784, 6784; port is the destination. */
bool print_bfd_port(uint16_t dport);
void print_bfd(np_printer *pr, const uint8_t *p, uint32_t length, uint16_t port);
/* HSRP v0/v1 (hsrp.c): UDP to 1985. */
void print_hsrp(np_printer *pr, const uint8_t *p, uint32_t length);
/* VXLAN (UDP 4789) and VXLAN-GPE (UDP 4790) in vxlan.c; NSH (nsh.c),
 * ethertype 0x894f or VXLAN-GPE's next protocol 4. print_vxlan_gpe_next
 * prints the payload of a VXLAN-GPE/NSH next protocol (IPv4, IPv6,
 * Ethernet): false when np is none of them. */
void print_vxlan(np_printer *pr, const uint8_t *p, uint32_t length);
void print_vxlan_gpe(np_printer *pr, const uint8_t *p, uint32_t length);
bool print_vxlan_gpe_next(np_printer *pr, uint8_t np, const uint8_t *p, uint32_t length);
void print_nsh(np_printer *pr, const uint8_t *p, uint32_t length);
/* OTV (otv.c, UDP 8472), Geneve (geneve.c, UDP 6081), MS NLB heartbeats
 * (msnlb.c, ethertype 0x886f). */
void print_otv(np_printer *pr, const uint8_t *p, uint32_t length);
void print_geneve(np_printer *pr, const uint8_t *p, uint32_t length);
void print_msnlb(np_printer *pr, const uint8_t *p);
/* Ethernet configuration testing protocol, ethertype 0x9000 (loopback.c). */
void print_loopback(np_printer *pr, const uint8_t *p, uint32_t length);
/* HNCP (hncp.c): UDP 8231. */
void print_hncp(np_printer *pr, const uint8_t *p, uint32_t length);
/* LMP (lmp.c): UDP 701 or -T lmp. */
void print_lmp(np_printer *pr, const uint8_t *p, uint32_t length);
/* Cisco VLAN Query Protocol (vqp.c): UDP 1589. */
void print_vqp(np_printer *pr, const uint8_t *p, uint32_t length);
/* sFlow v5 (sflow.c): UDP 6343. */
void print_sflow(np_printer *pr, const uint8_t *p, uint32_t length);
/* SOME/IP (someip.c, UDP 30490), Broadcom LI shim (bcm_li.c, UDP from 49152). */
void print_someip(np_printer *pr, const uint8_t *p, uint32_t length);
void print_bcm_li(np_printer *pr, const uint8_t *p, uint32_t length);
/* AHCP (ahcp.c): UDP 5359. */
void print_ahcp(np_printer *pr, const uint8_t *p, uint32_t length);
/* Babel (babel.c): UDP 6696, 6697. */
void print_babel(np_printer *pr, const uint8_t *p, uint32_t length);
/* RIP v1/v2 (rip.c): UDP 520. */
void print_rip(np_printer *pr, const uint8_t *p, uint32_t length);
void print_aodv(np_printer *pr, const uint8_t *p, uint32_t length, bool ip6); /* UDP 654 (aodv.c) */
/* RIPng (ripng.c): UDP 521. */
void print_ripng(np_printer *pr, const uint8_t *p, uint32_t length);
/* IEEE 1588 PTP (ptp.c): ethertype 0x88f7, UDP 319 and 320. */
void print_ptp(np_printer *pr, const uint8_t *p, uint32_t length);
/* Cisco auto-RP (pim.c): UDP 496. */
void print_cisco_autorp(np_printer *pr, const uint8_t *p, uint32_t length);
/* Kerberos (krb.c): UDP 88 and 750. */
void print_krb(np_printer *pr, const uint8_t *p);
/* LISP control messages (lisp.c): UDP 4342. */
void print_lisp(np_printer *pr, const uint8_t *p, uint32_t length);
/* syslog (syslog.c): UDP 514. */
void print_syslog(np_printer *pr, const uint8_t *p, uint32_t length);
/* NFS over Sun RPC (nfs.c), port 2049: a call to it or a reply from it
 * at rp (the RPC message), "LEADNFS request xid N ..."; false (nothing
 * printed) when rp is neither. iph is the IP header (replies are matched
 * to calls by XID and addresses). */
bool print_nfs(np_printer *pr, const uint8_t *rp, uint32_t length, uint16_t sport, uint16_t dport, const uint8_t *iph,
	       const char *lead);
void nfs_xid_map_free(struct nfs_xid_map *m);
/* timed's TSP (timed.c): UDP 525. */
void print_timed(np_printer *pr, const uint8_t *p);
/* TFTP (tftp.c): UDP 69. */
void print_tftp(np_printer *pr, const uint8_t *p, uint32_t length);
/* MPLS label stack and payload (mpls.c): ethertypes 0x8847/0x8848, UDP 6635. */
void print_mpls(np_printer *pr, const uint8_t *p, uint32_t length);
/* Frame Relay (fr.c): the DLT_FRELAY and DLT_MFR link types; a Q.922
 * frame (fr_print) and an FRF.16 frame (mfr_print) wherever they appear;
 * Q.933 signalling after NLPID 0x08. */
uint32_t print_fr(np_printer *pr, const uint8_t *p, uint32_t length, uint32_t caplen);
uint32_t print_mfr(np_printer *pr, const uint8_t *p, uint32_t length, uint32_t caplen);
uint32_t print_fr_frame(np_printer *pr, const uint8_t *p, uint32_t length);
uint32_t print_mfr_frame(np_printer *pr, const uint8_t *p, uint32_t length);
void print_q933(np_printer *pr, const uint8_t *p, uint32_t length);
/* ISO/IEC TR 9577 network layer protocol identifiers, tcpdump's nlpid_values. */
enum np_nlpid {
	NP_NLPID_NULLNS = 0x00,
	NP_NLPID_Q933 = 0x08,
	NP_NLPID_LMI = 0x09,
	NP_NLPID_SNAP = 0x80,
	NP_NLPID_CLNP = 0x81,
	NP_NLPID_ESIS = 0x82,
	NP_NLPID_ISIS = 0x83,
	NP_NLPID_IP6 = 0x8e,
	NP_NLPID_MFR = 0xb1,
	NP_NLPID_IP = 0xcc,
	NP_NLPID_PPP = 0xcf,
};
extern const np_tok nlpid_names[];
/* An OSI PDU starting at its NLPID byte (isoclns.c), tcpdump's
 * isoclns_print: CLNP, ES-IS, IS-IS, and IPv4/IPv6/PPP by NLPID. The entry
 * for every link that carries OSI: LLC SAP 0xfe, ethertype 0xfefe, GRE,
 * Cisco HDLC, Frame Relay, PPP's OSI protocols. */
void print_isoclns(np_printer *pr, const uint8_t *p, uint32_t length);
/* LSP ping (lspping.c): UDP 3503. */
void print_lspping(np_printer *pr, const uint8_t *p, uint32_t length);
void print_wb(np_printer *pr, const uint8_t *p, uint32_t length);   /* wb.c */
void print_l2tp(np_printer *pr, const uint8_t *p, uint32_t length); /* l2tp.c */
/* rtp.c: vat/vt, RTP and (to the end of the capture) RTCP. */
void print_vat(np_printer *pr, const uint8_t *p, uint32_t length);
void print_rtp(np_printer *pr, const uint8_t *p, uint32_t length);
void print_rtcp(np_printer *pr, const uint8_t *p);
void print_lwres(np_printer *pr, const uint8_t *p, uint32_t length); /* lwres.c */
void print_tipc(np_printer *pr, const uint8_t *p);                   /* tipc.c, ethertype 0x88ca */
/* An RFC 4364 route distinguisher, 8 bytes (bgp.c): false when not all captured. */
bool print_bgp_rd(np_printer *pr, const uint8_t *p);
/* tcpdump's decode_prefix4/6 (bgp.c): lead, then the prefix "addr/len" at
 * p within itemlen bytes; the bytes taken, or (nothing printed) -1 for a
 * bad length, -2 when it goes past itemlen or the capture (tcpdump 4.99.3
 * treats both as truncation). */
int print_bgp_prefix(np_printer *pr, const char *lead, bool v6, const uint8_t *p, uint32_t itemlen);
/* LDP (ldp.c): UDP and TCP 646. */
void print_ldp(np_printer *pr, const uint8_t *p, uint32_t length);
void print_olsr(np_printer *pr, const uint8_t *p, uint32_t length, bool ip6); /* UDP 698 (olsr.c) */
/* PPP frame inside GRE v1 (ppp.c), tcpdump's ppp_print. */
void print_ppp(np_printer *pr, const uint8_t *p, uint32_t length);
/* PPP link types (ppp.c): DLT_PPP and DLT_PPP_SERIAL. */
uint32_t print_ppp_link(np_printer *pr, const uint8_t *p, uint32_t length, uint32_t caplen);
uint32_t print_ppp_hdlc_link(np_printer *pr, const uint8_t *p, uint32_t length, uint32_t caplen);
/* Cisco HDLC (chdlc.c): the frame at p (tcpdump's chdlc_print, the header
 * length) and the DLT_C_HDLC link type. */
uint32_t print_chdlc(np_printer *pr, const uint8_t *p, uint32_t length);
uint32_t print_chdlc_link(np_printer *pr, const uint8_t *p, uint32_t length, uint32_t caplen);

/* IP protocol number -> name ("TCP", "UDP", ...), NULL when unknown. */
const char *ipproto_name(uint8_t proto);

#endif
