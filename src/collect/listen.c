/*
 * listen.c - the collector backend (see source.h): udp://ADDR[:PORT] and
 * tcp://ADDR[:PORT], NetFlow v5, NetFlow v9 and IPFIX on the same port,
 * told apart by the version in the first two bytes of each message and
 * handed whole to that version's decoder with the exporter's state.
 *
 * The sockets are opened by np_flowsrc_open, so a caller running as root
 * opens a privileged port and then drops root before the first message.
 * Without a port both 2055 (NetFlow) and 4739 (IPFIX) are opened. The
 * source's fd is an epoll fd over every socket (and TCP connection), so
 * the caller polls one fd whatever it listens on.
 *
 * An exporter is the peer's address and port. Over UDP every datagram is
 * one message; datagrams are taken BATCH of them a system call
 * (recvmmsg), into BATCH buffers of the largest message each (untouched
 * pages cost no memory). Over TCP the stream is cut into messages by the
 * decoder's message_length; a connection reads into a buffer of two
 * largest messages, so a message cut by a read waits in place and the
 * bytes left over move to the front only when less than a whole message
 * of room is left. A connection whose bytes make no message (an unknown
 * version, a length no decoder takes) is counted and closed. At most
 * MAX_CONNS connections are held at once; more are refused.
 *
 * Not for: decoding messages (netflow5.c, ipfix.c).
 */
#define _GNU_SOURCE /* recvmmsg */
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../util/bytes.h"
#include "source.h"

enum {
	MAX_SOCKS = 2,
	MAX_CONNS = 256,
	MSG_CAP = 65536,           /* the largest message (IPFIX's length is 16 bits) */
	DGRAMS_PER_READ = 4096,    /* then the caller gets its turn */
	BATCH = 32,                /* datagrams a recvmmsg */
	CONN_BUF = 2 * MSG_CAP,    /* a connection's read buffer */
	RCVBUF = 16 * 1024 * 1024, /* room for a burst while the caller commits */
};

struct conn {
	int fd;
	char peer[64];
	size_t off, len; /* the bytes not yet taken: buf[off..len) */
	uint8_t buf[CONN_BUF];
};

struct listener {
	int epfd;
	bool tcp;
	int socks[MAX_SOCKS];
	int nsocks;
	struct conn *conns[MAX_CONNS];
	uint64_t refused_conns;
	/* the last datagram's peer and its name: most datagrams come from the
	 * exporter before, and naming a peer costs more than its records */
	struct sockaddr_storage last_peer;
	socklen_t last_peer_len;
	char last_name[64];
	struct mmsghdr msgs[BATCH];
	struct iovec iov[BATCH];
	struct sockaddr_storage peers[BATCH];
	uint8_t dgram[BATCH][MSG_CAP];
};

/* epoll's data: sockets are 0..MAX_SOCKS-1, connections MAX_SOCKS + index. */

static bool listen_takes(const char *spec)
{
	return strncmp(spec, "udp://", 6) == 0 || strncmp(spec, "tcp://", 6) == 0;
}

/* "ADDR[:PORT]", "[V6]:PORT", ":PORT", "" into host (NULL: any) and port (0: none). */
static int split_hostport(const char *s, char *host, size_t hostlen, unsigned *port, const char **why)
{
	const char *colon = NULL;
	size_t hn;
	if (*s == '[') {
		const char *close = strchr(s, ']');
		if (!close) {
			*why = "an IPv6 address without its ']'";
			return -1;
		}
		hn = (size_t)(close - s - 1);
		if (hn >= hostlen) {
			*why = "address too long";
			return -1;
		}
		memcpy(host, s + 1, hn);
		host[hn] = '\0';
		colon = close[1] == ':' ? close + 1 : NULL;
		if (close[1] && !colon) {
			*why = "junk after the address";
			return -1;
		}
	} else {
		colon = strrchr(s, ':');
		if (colon && strchr(s, ':') != colon) {
			*why = "an IPv6 address must be written [ADDR]:PORT";
			return -1;
		}
		hn = colon ? (size_t)(colon - s) : strlen(s);
		if (hn >= hostlen) {
			*why = "address too long";
			return -1;
		}
		memcpy(host, s, hn);
		host[hn] = '\0';
	}
	*port = 0;
	if (colon) {
		char *end;
		long v = strtol(colon + 1, &end, 10);
		if (!colon[1] || *end || v < 1 || v > 65535) {
			*why = "the port is not a number from 1 to 65535";
			return -1;
		}
		*port = (unsigned)v;
	}
	return 0;
}

static int open_socket(struct listener *l, const char *host, unsigned port, const char *spec, char *err, size_t errlen)
{
	struct addrinfo hints, *ai = NULL;
	char portstr[8];
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = l->tcp ? SOCK_STREAM : SOCK_DGRAM;
	hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
	snprintf(portstr, sizeof(portstr), "%u", port);
	int gai = getaddrinfo(*host ? host : NULL, portstr, &hints, &ai);
	if (gai != 0) {
		snprintf(err, errlen, "%s: %s", spec, gai_strerror(gai));
		return -1;
	}
	int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	int one = 1, rcv = RCVBUF;
	if (fd >= 0) {
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
		if (!l->tcp && setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcv, sizeof(rcv)) != 0)
			setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcv, sizeof(rcv));
	}
	if (fd < 0 || bind(fd, ai->ai_addr, ai->ai_addrlen) != 0 || (l->tcp && listen(fd, 64) != 0)) {
		snprintf(err, errlen, "%s: cannot listen on port %u: %s", spec, port, strerror(errno));
		if (fd >= 0)
			close(fd);
		freeaddrinfo(ai);
		return -1;
	}
	freeaddrinfo(ai);
	struct epoll_event ev = {.events = EPOLLIN, .data.u64 = (uint64_t)l->nsocks};
	if (epoll_ctl(l->epfd, EPOLL_CTL_ADD, fd, &ev) != 0) {
		snprintf(err, errlen, "%s: %s", spec, strerror(errno));
		close(fd);
		return -1;
	}
	l->socks[l->nsocks++] = fd;
	return 0;
}

static void listen_close(np_flowsrc *s)
{
	struct listener *l = s->state;
	if (!l)
		return;
	for (int i = 0; i < l->nsocks; i++)
		close(l->socks[i]);
	for (int i = 0; i < MAX_CONNS; i++)
		if (l->conns[i]) {
			close(l->conns[i]->fd);
			free(l->conns[i]);
		}
	if (l->epfd >= 0)
		close(l->epfd);
	free(l);
	s->state = NULL;
	s->fd = -1;
}

static int listen_open(np_flowsrc *s, const char *spec, char *err, size_t errlen)
{
	char host[256];
	unsigned port;
	const char *why = NULL;
	if (split_hostport(spec + 6, host, sizeof(host), &port, &why) != 0) {
		snprintf(err, errlen, "%s: %s (udp://ADDR:PORT, tcp://[ADDR]:PORT)", spec, why);
		return -1;
	}
	struct listener *l = calloc(1, sizeof(*l));
	if (!l) {
		snprintf(err, errlen, "%s: out of memory", spec);
		return -1;
	}
	l->tcp = spec[0] == 't';
	l->epfd = epoll_create1(EPOLL_CLOEXEC);
	s->state = l;
	if (l->epfd < 0) {
		snprintf(err, errlen, "%s: %s", spec, strerror(errno));
		listen_close(s);
		return -1;
	}
	int rc = port ? open_socket(l, host, port, spec, err, errlen)
		      : open_socket(l, host, NP_PORT_NETFLOW, spec, err, errlen) ||
				 open_socket(l, host, NP_PORT_IPFIX, spec, err, errlen);
	if (rc != 0) {
		listen_close(s);
		return -1;
	}
	s->fd = l->epfd;
	return 0;
}

static void peer_name(const struct sockaddr_storage *ss, socklen_t len, char *out, size_t outlen)
{
	char host[48], serv[8];
	if (getnameinfo((const struct sockaddr *)ss, len, host, sizeof(host), serv, sizeof(serv),
			NI_NUMERICHOST | NI_NUMERICSERV) != 0) {
		snprintf(out, outlen, "?");
		return;
	}
	if (strchr(host, ':'))
		snprintf(out, outlen, "[%s]:%s", host, serv);
	else
		snprintf(out, outlen, "%s:%s", host, serv);
}

static void read_datagrams(np_flowsrc *s, struct listener *l, int fd)
{
	for (int n = 0; n < DGRAMS_PER_READ; n += BATCH) {
		for (int i = 0; i < BATCH; i++) {
			l->iov[i] = (struct iovec){.iov_base = l->dgram[i], .iov_len = MSG_CAP};
			l->msgs[i].msg_hdr = (struct msghdr){.msg_name = &l->peers[i],
							     .msg_namelen = sizeof(l->peers[i]),
							     .msg_iov = &l->iov[i],
							     .msg_iovlen = 1};
		}
		int got = recvmmsg(fd, l->msgs, BATCH, 0, NULL);
		if (got <= 0)
			return; /* EAGAIN: all read; other errors (ICMP reports) are not ours to stop on */
		for (int i = 0; i < got; i++) {
			const struct sockaddr_storage *ss = &l->peers[i];
			socklen_t sl = l->msgs[i].msg_hdr.msg_namelen;
			if (sl != l->last_peer_len || memcmp(ss, &l->last_peer, sl) != 0) {
				peer_name(ss, sl, l->last_name, sizeof(l->last_name));
				memcpy(&l->last_peer, ss, sl);
				l->last_peer_len = sl;
			}
			np_exporter *ex = np_flowsrc_exporter(s, l->last_name);
			if (ex)
				np_exporter_message(ex, l->dgram[i], l->msgs[i].msg_len);
		}
		if (got < BATCH)
			return;
	}
}

static void drop_conn(struct listener *l, int i)
{
	close(l->conns[i]->fd);
	free(l->conns[i]);
	l->conns[i] = NULL;
}

static void accept_conns(struct listener *l, int fd)
{
	for (;;) {
		struct sockaddr_storage ss;
		socklen_t sl = sizeof(ss);
		int c = accept(fd, (struct sockaddr *)&ss, &sl);
		if (c < 0)
			return;
		fcntl(c, F_SETFL, O_NONBLOCK);
		fcntl(c, F_SETFD, FD_CLOEXEC);
		int i = 0;
		while (i < MAX_CONNS && l->conns[i])
			i++;
		struct conn *cn = i < MAX_CONNS ? malloc(sizeof(*cn)) : NULL;
		struct epoll_event ev = {.events = EPOLLIN, .data.u64 = (uint64_t)(MAX_SOCKS + i)};
		if (!cn || epoll_ctl(l->epfd, EPOLL_CTL_ADD, c, &ev) != 0) {
			l->refused_conns++;
			free(cn);
			close(c);
			continue;
		}
		cn->fd = c;
		cn->off = cn->len = 0;
		peer_name(&ss, sl, cn->peer, sizeof(cn->peer));
		l->conns[i] = cn;
	}
}

/* Cut what a connection sent into messages. false: it makes no sense (closed). */
static bool take_messages(np_exporter *ex, struct conn *cn)
{
	size_t off = cn->off;
	bool ok = true;
	while (cn->len - off >= 4) {
		uint16_t version = 0;
		np_get_be16(cn->buf + off, cn->buf + cn->len, &version);
		const np_msg_decoder *d = np_msg_decoder_for(version);
		size_t mlen = d && d->message_length ? d->message_length(cn->buf + off, cn->len - off) : 0;
		if (mlen < 4 || mlen > MSG_CAP) {
			ex->st.messages++;
			ex->st.malformed++;
			ok = false;
			break;
		}
		if (cn->len - off < mlen)
			break;
		np_exporter_message(ex, cn->buf + off, mlen);
		off += mlen;
	}
	cn->off = off;
	if (cn->off == cn->len) {
		cn->off = cn->len = 0;
	} else if (CONN_BUF - cn->off < MSG_CAP) { /* no room for a whole message behind it */
		memmove(cn->buf, cn->buf + cn->off, cn->len - cn->off);
		cn->len -= cn->off;
		cn->off = 0;
	}
	return ok;
}

static void read_conn(np_flowsrc *s, struct listener *l, int i)
{
	struct conn *cn = l->conns[i];
	ssize_t got = read(cn->fd, cn->buf + cn->len, sizeof(cn->buf) - cn->len);
	if (got < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	np_exporter *ex = np_flowsrc_exporter(s, cn->peer);
	if (got <= 0 || !ex) {
		if (ex && cn->len > cn->off)
			ex->st.malformed++; /* a message cut off by the close */
		drop_conn(l, i);
		return;
	}
	cn->len += (size_t)got;
	if (!take_messages(ex, cn))
		drop_conn(l, i);
}

static int listen_read(np_flowsrc *s, char *err, size_t errlen)
{
	struct listener *l = s->state;
	struct epoll_event evs[64];
	int n = epoll_wait(l->epfd, evs, 64, 0);
	if (n < 0) {
		if (errno == EINTR)
			return 0;
		snprintf(err, errlen, "%s: %s", s->name, strerror(errno));
		return -1;
	}
	for (int k = 0; k < n; k++) {
		uint64_t tag = evs[k].data.u64;
		if (tag < MAX_SOCKS) {
			if (l->tcp)
				accept_conns(l, l->socks[tag]);
			else
				read_datagrams(s, l, l->socks[tag]);
		} else if (l->conns[tag - MAX_SOCKS]) {
			read_conn(s, l, (int)(tag - MAX_SOCKS));
		}
	}
	return 0;
}

const struct np_flowsrc_ops np_flowsrc_listen = {"listen", NULL, listen_takes, listen_open, listen_read, listen_close};
