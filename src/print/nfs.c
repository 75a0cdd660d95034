/*
 * nfs.c - NFS v2/v3 calls and replies over Sun RPC (UDP or TCP port 2049)
 * as tcpdump 4.99's print-nfs.c writes them: "NFS request xid N LEN proc
 * fh ... name ...", and for replies the result of the call they answer,
 * found by XID in a small ring of recent calls (the last 64, per printer,
 * so the state stays bounded whatever the capture). File handles are
 * shown the way tcpdump's parsenfsfh.c guesses the server's layout.
 *
 * Not for: NFSv4 compounds, other RPC programs (portmap, mount, NLM),
 * which tcpdump prints as plain UDP/TCP too.
 */
#include <stdlib.h>
#include <string.h>

#include "print.h"

#define NFS_PORT 2049
#define XID_MAP_SIZE 64
#define FAIL UINT64_MAX /* a parse step that could not go on */

enum { RPC_CALL = 0, RPC_REPLY = 1 };
enum { MSG_ACCEPTED = 0, MSG_DENIED = 1 };
enum { RPC_MISMATCH = 0, AUTH_ERROR = 1 };

enum {
	P_NULL,
	P_GETATTR,
	P_SETATTR,
	P_LOOKUP,
	P_ACCESS,
	P_READLINK,
	P_READ,
	P_WRITE,
	P_CREATE,
	P_MKDIR,
	P_SYMLINK,
	P_MKNOD,
	P_REMOVE,
	P_RMDIR,
	P_RENAME,
	P_LINK,
	P_READDIR,
	P_READDIRPLUS,
	P_FSSTAT,
	P_FSINFO,
	P_PATHCONF,
	P_COMMIT,
	P_NOOP = 25,
	NFS_NPROCS = 26
};

/* NFSv2 procedure numbers as their v3 equivalents (tcpdump's nfsv3_procid). */
static const uint8_t v2_to_v3[NFS_NPROCS] = {
	P_NULL,   P_GETATTR, P_SETATTR, P_NOOP, P_LOOKUP,  P_READLINK, P_READ,  P_NOOP,    P_WRITE,
	P_CREATE, P_REMOVE,  P_RENAME,  P_LINK, P_SYMLINK, P_MKDIR,    P_RMDIR, P_READDIR, P_FSSTAT,
	P_NOOP,   P_NOOP,    P_NOOP,    P_NOOP, P_NOOP,    P_NOOP,     P_NOOP,  P_NOOP,
};

static const np_tok proc_names[] = {
	{P_NOOP, "nop"},
	{P_NULL, "null"},
	{P_GETATTR, "getattr"},
	{P_SETATTR, "setattr"},
	{P_LOOKUP, "lookup"},
	{P_ACCESS, "access"},
	{P_READLINK, "readlink"},
	{P_READ, "read"},
	{P_WRITE, "write"},
	{P_CREATE, "create"},
	{P_MKDIR, "mkdir"},
	{P_SYMLINK, "symlink"},
	{P_MKNOD, "mknod"},
	{P_REMOVE, "remove"},
	{P_RMDIR, "rmdir"},
	{P_RENAME, "rename"},
	{P_LINK, "link"},
	{P_READDIR, "readdir"},
	{P_READDIRPLUS, "readdirplus"},
	{P_FSSTAT, "fsstat"},
	{P_FSINFO, "fsinfo"},
	{P_PATHCONF, "pathconf"},
	{P_COMMIT, "commit"},
	{0, NULL},
};

static const np_tok status_names[] = {
	{1, "Operation not permitted"},
	{2, "No such file or directory"},
	{5, "Input/output error"},
	{6, "Device not configured"},
	{11, "Resource deadlock avoided"},
	{12, "Cannot allocate memory"},
	{13, "Permission denied"},
	{17, "File exists"},
	{18, "Cross-device link"},
	{19, "Operation not supported by device"},
	{20, "Not a directory"},
	{21, "Is a directory"},
	{22, "Invalid argument"},
	{26, "Text file busy"},
	{27, "File too large"},
	{28, "No space left on device"},
	{30, "Read-only file system"},
	{31, "Too many links"},
	{45, "Operation not supported"},
	{62, "Too many levels of symbolic links"},
	{63, "File name too long"},
	{66, "Directory not empty"},
	{69, "Disc quota exceeded"},
	{70, "Stale NFS file handle"},
	{71, "Too many levels of remote in path"},
	{99, "Write cache flushed to disk"},
	{10001, "Illegal NFS file handle"},
	{10002, "Update synchronization mismatch"},
	{10003, "READDIR/READDIRPLUS cookie is stale"},
	{10004, "Operation not supported"},
	{10005, "Buffer or request is too small"},
	{10006, "Unspecified error on server"},
	{10007, "Object of that type not supported"},
	{10008, "Request couldn't be completed in time"},
	{0, NULL},
};

static const np_tok write_modes[] = {{0, "unstable"}, {1, "datasync"}, {2, "filesync"}, {0, NULL}};

/* " <mode>"; an unknown one as tcpdump's tok2str without a format: "#N". */
static void print_write_mode(np_printer *pr, uint32_t mode)
{
	const char *m = tok_name(write_modes, mode);
	if (m)
		out_fmt(pr->out, " <%s>", m);
	else
		out_fmt(pr->out, " <#%d>", (int32_t)mode);
}

static const np_tok file_types[] = {{0, "NON"}, {1, "REG"}, {2, "DIR"},  {3, "BLK"},
				    {4, "CHR"}, {5, "LNK"}, {6, "FIFO"}, {0, NULL}};

static const np_tok auth_stat_names[] = {
	{0, "OK"},
	{1, "Bogus Credentials (seal broken)"},
	{2, "Rejected Credentials (client should begin new session)"},
	{3, "Bogus Verifier (seal broken)"},
	{4, "Verifier expired or was replayed"},
	{5, "Credentials are too weak"},
	{6, "Bogus response verifier"},
	{7, "Unknown failure"},
	{0, NULL},
};

static const np_tok accept_stat_names[] = {
	{1, "PROG_UNAVAIL"}, {2, "PROG_MISMATCH"}, {3, "PROC_UNAVAIL"},
	{4, "GARBAGE_ARGS"}, {5, "SYSTEM_ERR"},    {0, NULL},
};

/* A call remembered until its reply: who asked whom, and what. */
struct nfs_xid {
	uint32_t xid;
	int ipver; /* 0: empty slot */
	uint8_t client[16], server[16];
	uint32_t proc, vers;
};

struct nfs_xid_map {
	struct nfs_xid e[XID_MAP_SIZE];
	int next, hint;
};

void nfs_xid_map_free(struct nfs_xid_map *m)
{
	free(m);
}

/* The RPC message being walked: bytes are addressed by offset from its
 * start, so no pointer is ever formed past the capture. */
struct rpc_walk {
	np_printer *pr;
	const uint8_t *p;
	uint64_t cap; /* bytes captured from p */
	int v3;
	bool nfserr; /* an NFS or RPC error was printed: no truncation mark */
};

static bool has(const struct rpc_walk *w, uint64_t off, uint64_t n)
{
	return off <= w->cap && w->cap - off >= n;
}

/* tcpdump's GET_BE_U_4: on running off the capture the packet stops. */
static bool get32(struct rpc_walk *w, uint64_t off, uint32_t *v)
{
	if (!has(w, off, 4)) {
		print_trunc_stop(w->pr);
		return false;
	}
	*v = np_load_be32(w->p + off);
	return true;
}

static bool get64(struct rpc_walk *w, uint64_t off, uint64_t *v)
{
	if (!has(w, off, 8)) {
		print_trunc_stop(w->pr);
		return false;
	}
	*v = np_load_be64(w->p + off);
	return true;
}

#define G32(v, off)                         \
	do {                                \
		if (!get32(w, (off), &(v))) \
			return FAIL;        \
	} while (0)
#define G64(v, off)                         \
	do {                                \
		if (!get64(w, (off), &(v))) \
			return FAIL;        \
	} while (0)

static uint32_t roundup4(uint32_t n)
{
	return (n + 3) & ~3u; /* wraps as tcpdump's roundup2 does */
}

/* ---- file handles (tcpdump's parsenfsfh.c heuristics) ---- */

enum fh_type {
	FH_UNKNOWN,
	FH_AUSPEX,
	FH_DECOSF,
	FH_IRIX4,
	FH_SUNOS4,
	FH_ULTRIX,
	FH_VMSUCX,
	FH_SUNOS5,
	FH_HPUX9,
	FH_BSD44
};

static uint32_t le32(const uint8_t *b)
{
	return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

/* A VMS UCX handle starts with a printable device name, NUL padded. */
static bool fh_is_ucx(const uint8_t *fh, uint32_t words)
{
	bool seen_nul = false;
	if (words < 7)
		return false;
	for (int i = 1; i < 14; i++) {
		if (fh[i] >= 0x20 && fh[i] < 0x7f) {
			if (seen_nul)
				return false;
		} else if (fh[i] == 0) {
			seen_nul = true;
		} else {
			return false;
		}
	}
	return true;
}

static enum fh_type fh_guess(const uint8_t *f, uint32_t words)
{
	if (words < 4)
		return FH_UNKNOWN;
	if (f[0] == 0 && f[1] == 0) {
		if (f[2] == 0 && f[3] == 0)
			return FH_AUSPEX;
		if (f[4] != 0 && f[5] == 0 && f[8] == 12 && f[9] == 0)
			return FH_DECOSF;
		if (f[4] == 0 && f[5] == 8 && f[6] == 0 && f[7] == 0)
			return FH_IRIX4;
		return FH_SUNOS4;
	}
	if (f[2] == 0 && f[3] == 0) {
		if (f[6] == 0 && f[7] == 0)
			return FH_BSD44;
		if (words >= 6 && f[21] == 0 && f[23] == 0)
			return FH_ULTRIX;
		return f[9] == 10 ? FH_SUNOS5 : FH_UNKNOWN;
	}
	if (f[8] == 12 && f[9] == 0)
		return FH_DECOSF;
	if (f[8] == 0 && f[9] == 10)
		return (f[4] | f[5] | f[6] | f[7]) == 0 ? FH_HPUX9 : FH_SUNOS5;
	return fh_is_ucx(f, words) ? FH_VMSUCX : FH_UNKNOWN;
}

/* " fh MAJOR,MINOR/INODE", " fh VMSDEV/INODE" or " fh Unknown/HEX";
 * the handle (words 32-bit words) is captured. */
static void print_fh(np_printer *pr, const uint8_t *f, uint32_t words)
{
	np_out *o = pr->out;
	uint32_t major = 0, minor = 0, ino = 0, t;
	switch (fh_guess(f, words)) {
	case FH_AUSPEX: minor = f[7], major = f[6], ino = np_load_be32(f + 12); break;
	case FH_BSD44: minor = f[0], major = f[1], ino = le32(f + 12); break;
	case FH_DECOSF:
		t = le32(f);
		minor = t & 0xfffff, major = (t >> 20) & 0xfff, ino = le32(f + 12);
		break;
	case FH_IRIX4: minor = f[3], major = f[2], ino = np_load_be32(f + 8); break;
	case FH_SUNOS4: minor = f[3], major = f[2], ino = np_load_be32(f + 12); break;
	case FH_SUNOS5:
		major = (np_load_be16(f) >> 2) & 0x3fff;
		minor = ((uint32_t)f[1] << 16 | (uint32_t)f[2] << 8 | f[3]) & 0x3ffff;
		ino = np_load_be32(f + 12);
		break;
	case FH_ULTRIX: minor = f[0], major = f[1], ino = le32(f + 4); break;
	case FH_HPUX9:
		major = f[0], minor = (uint32_t)f[1] << 16 | (uint32_t)f[2] << 8 | f[3];
		ino = np_load_be32(f + 12);
		break;
	case FH_VMSUCX: {
		/* the device name, at most `words` characters, up to a NUL or space */
		out_str(o, " fh ");
		uint32_t n = words < 64 ? words : 64;
		for (uint32_t i = 0; i < n && f[1 + i] != 0 && f[1 + i] != ' '; i++)
			out_char(o, (char)f[1 + i]);
		out_fmt(o, "/%u", (uint32_t)f[26] << 24 | (uint32_t)f[27] << 16 | (uint32_t)(f[22] | f[23] << 8));
		return;
	}
	case FH_UNKNOWN:
		/* tcpdump copies at most `words` characters of the name */
		out_fmt(o, " fh %.*s/", (int)(words < 7 ? words : 7), "Unknown");
		for (uint32_t i = 0; i < words * 4 && i < 32; i++)
			out_fmt(o, "%02X", f[i]);
		return;
	}
	out_fmt(o, " fh %u,%u/%u", major, minor, ino);
}

/* tcpdump's parsefh: the handle at off (v3: length-prefixed). */
static uint64_t parse_fh(struct rpc_walk *w, uint64_t off, int v3)
{
	uint32_t words = 32 / 4;
	if (v3) {
		uint32_t len;
		G32(len, off);
		words = len / 4;
		off += 4;
	}
	if (!has(w, off, (uint64_t)words * 4))
		return FAIL;
	print_fh(w->pr, w->p + off, words);
	return off + (uint64_t)words * 4;
}

/* tcpdump's parsefn: a quoted, length-prefixed name. */
static uint64_t parse_fn(struct rpc_walk *w, uint64_t off)
{
	uint32_t len;
	G32(len, off);
	off += 4;
	if (UINT32_MAX - len < 3) {
		out_str(w->pr->out, "[cannot pad to 32-bit boundaries]");
		print_invalid(w->pr);
		return FAIL;
	}
	uint32_t rounded = roundup4(len);
	if (!has(w, off, rounded))
		return FAIL;
	out_char(w->pr->out, '"');
	bool whole = print_text(w->pr, w->p + off, len);
	out_char(w->pr->out, '"');
	return whole ? off + rounded : FAIL;
}

static uint64_t parse_fhn(struct rpc_walk *w, uint64_t off, int v3)
{
	off = parse_fh(w, off, v3);
	if (off == FAIL)
		return FAIL;
	out_char(w->pr->out, ' ');
	return parse_fn(w, off);
}

/* ---- the call ---- */

/* tcpdump's parsereq: past the credentials and verifier to the arguments. */
static uint64_t parse_req(struct rpc_walk *w, uint32_t length)
{
	uint64_t off = 24;
	uint32_t len, rounded;
	if (length < 8)
		return FAIL;
	G32(len, off + 4);
	rounded = roundup4(len);
	if (!has(w, off + 8, rounded))
		return FAIL;
	if (8 + (uint64_t)rounded > length)
		return FAIL;
	off += 4 * (uint64_t)((uint32_t)(len + 11) / 4);
	length -= 8 + rounded;
	if (length < 8)
		return FAIL;
	G32(len, off + 4);
	rounded = roundup4(len);
	if (!has(w, off + 8, rounded))
		return FAIL;
	if (8 + (uint64_t)rounded >= length)
		return FAIL;
	return off + 4 * (uint64_t)((uint32_t)(len + 11) / 4);
}

struct sattr3 {
	uint32_t modeset, mode, uidset, uid, gidset, gid, sizeset, size;
	uint32_t atype, asec, ansec, mtype, msec, mnsec;
};

static uint64_t parse_sattr3(struct rpc_walk *w, uint64_t off, struct sattr3 *sa)
{
	uint32_t *set[] = {&sa->modeset, &sa->uidset, &sa->gidset, &sa->sizeset};
	uint32_t *val[] = {&sa->mode, &sa->uid, &sa->gid, &sa->size};
	for (int i = 0; i < 4; i++) {
		G32(*set[i], off);
		off += 4;
		if (*set[i]) {
			G32(*val[i], off);
			off += 4;
		}
	}
	G32(sa->atype, off);
	off += 4;
	if (sa->atype == 2) { /* set to the client's time */
		G32(sa->asec, off);
		G32(sa->ansec, off + 4);
		off += 8;
	}
	G32(sa->mtype, off);
	off += 4;
	if (sa->mtype == 2) {
		G32(sa->msec, off);
		G32(sa->mnsec, off + 4);
		off += 8;
	}
	return off;
}

static void print_sattr3(np_printer *pr, const struct sattr3 *sa)
{
	if (sa->modeset)
		out_fmt(pr->out, " mode %o", sa->mode);
	if (sa->uidset)
		out_fmt(pr->out, " uid %u", sa->uid);
	if (sa->gidset)
		out_fmt(pr->out, " gid %u", sa->gid);
	if (pr->o.vflag > 1) {
		if (sa->atype == 2)
			out_fmt(pr->out, " atime %u.%06u", sa->asec, sa->ansec);
		if (sa->mtype == 2)
			out_fmt(pr->out, " mtime %u.%06u", sa->msec, sa->mnsec);
	}
}

static void print_access_flags(np_printer *pr, uint32_t f)
{
	static const char *const names[] = {"READ", "LOOKUP", "MODIFY", "EXTEND", "DELETE", "EXECUTE"};
	if (f & ~0x3fu) {
		out_fmt(pr->out, " %04x", f);
		return;
	}
	if (f == 0x3f) {
		out_str(pr->out, " NFS_ACCESS_FULL");
		return;
	}
	char sep = ' ';
	for (int i = 0; i < 6; i++) {
		if (f & (1u << i)) {
			out_fmt(pr->out, "%cNFS_ACCESS_%s", sep, names[i]);
			sep = '|';
		}
	}
}

/* " COUNT bytes @ OFFSET": v3's 64-bit offset at dp and count at
 * dp+count_off (a readdir cookie is shown signed), v2's 32-bit pair. */
static uint64_t print_bytes_at(struct rpc_walk *w, uint64_t dp, uint64_t count_off, bool sgn)
{
	uint32_t a, b;
	uint64_t q;
	if (!w->v3) {
		G32(a, dp + 4);
		G32(b, dp);
		out_fmt(w->pr->out, " %u bytes @ %u", a, b);
		return dp;
	}
	G32(a, dp + count_off);
	G64(q, dp);
	if (sgn)
		out_fmt(w->pr->out, " %u bytes @ %lld", a, (long long)q);
	else
		out_fmt(w->pr->out, " %u bytes @ %llu", a, (unsigned long long)q);
	return dp;
}

/* The arguments of the calls that start with a file handle, after it. */
static uint64_t print_fh_call_args(struct rpc_walk *w, uint32_t proc, uint64_t dp)
{
	np_printer *pr = w->pr;
	np_out *o = pr->out;
	uint32_t a, b, c, d;
	uint64_t q;
	switch (proc) {
	case P_ACCESS:
		G32(a, dp);
		print_access_flags(pr, a);
		return dp;
	case P_READ:
	case P_COMMIT: return print_bytes_at(w, dp, 8, false);
	case P_WRITE:
		if (!w->v3) {
			G32(a, dp + 12);
			G32(b, dp + 8);
			G32(c, dp + 4);
			G32(d, dp);
			out_fmt(o, " %u (%u) bytes @ %u (%u)", a, b, c, d);
			return dp;
		}
		G32(a, dp + 16);
		G32(b, dp + 8);
		G64(q, dp);
		out_fmt(o, " %u (%u) bytes @ %llu", a, b, (unsigned long long)q);
		if (pr->o.vflag) {
			G32(c, dp + 12);
			print_write_mode(pr, c);
		}
		return dp;
	case P_LINK: out_str(o, " ->"); return parse_fhn(w, dp, w->v3);
	case P_READDIR:
		if (print_bytes_at(w, dp, 16, true) == FAIL)
			return FAIL;
		if (w->v3 && pr->o.vflag) {
			G32(b, dp + 8);
			G32(c, dp + 12);
			out_fmt(o, " verf %08x%08x", b, c);
		}
		return dp;
	case P_READDIRPLUS:
		w->v3 = 1; /* v2 numbers never map to it, so this is v3 */
		if (print_bytes_at(w, dp, 16, true) == FAIL)
			return FAIL;
		if (pr->o.vflag) {
			G32(b, dp + 20);
			G32(c, dp + 8);
			G32(d, dp + 12);
			out_fmt(o, " max %u verf %08x%08x", b, c, d);
		}
		return dp;
	default: return dp; /* GETATTR, SETATTR, READLINK, FSSTAT, FSINFO, PATHCONF */
	}
}

/* The arguments of a call, by procedure. */
static uint64_t print_call_args(struct rpc_walk *w, uint32_t proc, uint64_t dp)
{
	np_printer *pr = w->pr;
	np_out *o = pr->out;
	int v3 = w->v3;
	uint32_t a, b, c;
	struct sattr3 sa;
	switch (proc) {
	case P_LOOKUP:
	case P_CREATE:
	case P_MKDIR:
	case P_REMOVE:
	case P_RMDIR: return parse_fhn(w, dp, v3);
	case P_SYMLINK:
		if ((dp = parse_fhn(w, dp, v3)) == FAIL)
			return FAIL;
		out_str(o, " ->");
		if (v3 && (dp = parse_sattr3(w, dp, &sa)) == FAIL)
			return FAIL;
		if (parse_fn(w, dp) == FAIL)
			return FAIL;
		if (v3 && pr->o.vflag)
			print_sattr3(pr, &sa);
		return dp;
	case P_MKNOD:
		if ((dp = parse_fhn(w, dp, v3)) == FAIL)
			return FAIL;
		G32(a, dp);
		if ((dp = parse_sattr3(w, dp + 4, &sa)) == FAIL)
			return FAIL;
		out_fmt(o, " %s", tok2str(file_types, "unk-ft %u", a));
		if (pr->o.vflag && (a == 4 || a == 3)) {
			G32(b, dp);
			G32(c, dp + 4);
			out_fmt(o, " %u/%u", b, c);
		}
		if (pr->o.vflag)
			print_sattr3(pr, &sa);
		return dp;
	case P_RENAME:
		if ((dp = parse_fhn(w, dp, v3)) == FAIL)
			return FAIL;
		out_str(o, " ->");
		return parse_fhn(w, dp, v3);
	default:
		if ((dp = parse_fh(w, dp, v3)) == FAIL)
			return FAIL;
		return print_fh_call_args(w, proc, dp);
	}
}

static bool has_args(uint32_t proc)
{
	return proc >= P_GETATTR && proc <= P_COMMIT;
}

/* Record the call (tcpdump's xid_map_enter); false when its procedure is
 * not captured. */
static bool xid_remember(struct rpc_walk *w, const uint8_t *iph)
{
	np_printer *pr = w->pr;
	if (!has(w, 20, 4))
		return false;
	int ver = iph[0] >> 4;
	if (ver != 4 && ver != 6)
		return true;
	if (!pr->nfs_xids && !(pr->nfs_xids = calloc(1, sizeof *pr->nfs_xids)))
		return true; /* out of memory: replies are printed without their call */
	struct nfs_xid_map *m = pr->nfs_xids;
	struct nfs_xid *e = &m->e[m->next];
	m->next = (m->next + 1) % XID_MAP_SIZE;
	memset(e, 0, sizeof *e);
	e->xid = np_load_be32(w->p);
	e->ipver = ver;
	size_t alen = ver == 4 ? 4 : 16;
	memcpy(e->client, iph + (ver == 4 ? 12 : 8), alen);
	memcpy(e->server, iph + (ver == 4 ? 16 : 24), alen);
	e->proc = np_load_be32(w->p + 20);
	e->vers = np_load_be32(w->p + 16);
	return true;
}

/* The call a reply answers (tcpdump's xid_map_find). */
static const struct nfs_xid *xid_find(np_printer *pr, const uint8_t *rp, const uint8_t *iph)
{
	struct nfs_xid_map *m = pr->nfs_xids;
	if (!m)
		return NULL;
	uint32_t xid = np_load_be32(rp);
	int ver = iph[0] >> 4;
	size_t alen = ver == 4 ? 4 : 16;
	const uint8_t *src = iph + (ver == 4 ? 12 : 8), *dst = iph + (ver == 4 ? 16 : 24);
	int i = m->hint;
	do {
		const struct nfs_xid *e = &m->e[i];
		if (e->ipver == ver && e->xid == xid && (ver == 4 || ver == 6) && memcmp(src, e->server, alen) == 0 &&
		    memcmp(dst, e->client, alen) == 0) {
			m->hint = i;
			return e;
		}
		i = (i + 1) % XID_MAP_SIZE;
	} while (i != m->hint);
	return NULL;
}

static void print_nfs_request(np_printer *pr, const uint8_t *rp, uint32_t length, const uint8_t *iph)
{
	struct rpc_walk w = {pr, rp, print_caplen_from(pr, rp), 0, false};
	uint32_t vers, proc;
	pr->protocol = "nfs";
	out_fmt(pr->out, "%u", length);
	if (!xid_remember(&w, iph))
		goto trunc;
	if (!get32(&w, 16, &vers) || !get32(&w, 20, &proc))
		return;
	w.v3 = vers == 3;
	if (!w.v3 && proc < NFS_NPROCS)
		proc = v2_to_v3[proc];
	out_fmt(pr->out, " %s", tok2str(proc_names, "proc-%u", proc));
	if (!has_args(proc))
		return;
	uint64_t dp = parse_req(&w, length);
	if (dp == FAIL || print_call_args(&w, proc, dp) == FAIL)
		goto trunc;
	return;
trunc:
	if (!pr->stopped)
		print_trunc(pr);
}

/* ---- the reply ---- */

/* tcpdump's parserep: past the verifier to the results. */
static uint64_t parse_rep(struct rpc_walk *w, uint32_t length)
{
	uint32_t len, astat;
	G32(len, 16);
	if (len >= length)
		return FAIL;
	uint64_t off = 12 + 4 * (uint64_t)((uint32_t)(len + 11) / 4);
	G32(astat, off);
	if (astat != 0) {
		out_fmt(w->pr->out, " %s", tok2str(accept_stat_names, "ar_stat %u", astat));
		w->nfserr = true;
		return FAIL;
	}
	return off + 4;
}

static uint64_t parse_status(struct rpc_walk *w, uint64_t off, uint32_t *er)
{
	G32(*er, off);
	if (*er != 0) {
		if (!w->pr->o.qflag)
			out_fmt(w->pr->out, " ERROR: %s", tok2str(status_names, "unk %u", *er));
		w->nfserr = true;
	}
	return off + 4;
}

static uint64_t parse_fattr(struct rpc_walk *w, uint64_t off, int verbose, int v3)
{
	np_out *o = w->pr->out;
	uint32_t a, b, c, d, e, f;
	uint64_t q, r;
	if (!has(w, off + 16, 4))
		return FAIL;
	if (verbose) {
		G32(a, off);
		G32(b, off + 4);
		G32(c, off + 12);
		G32(d, off + 16);
		out_fmt(o, " %s %o ids %d/%d", tok2str(file_types, "unk-ft %u ", a), b, (int32_t)c, (int32_t)d);
		if (v3) {
			G64(q, off + 20);
			out_fmt(o, " sz %llu", (unsigned long long)q);
		} else {
			G32(a, off + 20);
			out_fmt(o, " sz %u", a);
		}
	}
	if (verbose > 1) {
		if (v3) {
			if (!has(w, off + 76, 8))
				return FAIL;
			G32(a, off + 8);
			G32(b, off + 36);
			G32(c, off + 40);
			out_fmt(o, " nlink %u rdev %u/%u", a, b, c);
			G64(q, off + 44);
			G64(r, off + 52);
			out_fmt(o, " fsid %llx fileid %llx", (unsigned long long)q, (unsigned long long)r);
			G32(a, off + 60);
			G32(b, off + 64);
			G32(c, off + 68);
			G32(d, off + 72);
			G32(e, off + 76);
			G32(f, off + 80);
			out_fmt(o, " a/m/ctime %u.%06u %u.%06u %u.%06u", a, b, c, d, e, f);
		} else {
			if (!has(w, off + 60, 8))
				return FAIL;
			G32(a, off + 8);
			G32(b, off + 28);
			G32(c, off + 36);
			G32(d, off + 40);
			out_fmt(o, " nlink %u rdev 0x%x fsid 0x%x nodeid 0x%x a/m/ctime", a, b, c, d);
			for (int i = 0; i < 3; i++) {
				G32(a, off + 44 + 8 * i);
				G32(b, off + 48 + 8 * i);
				out_fmt(o, " %u.%06u", a, b);
			}
		}
	}
	return off + (v3 ? 84 : 68);
}

static uint64_t parse_attrstat(struct rpc_walk *w, uint64_t off, int verbose, int v3)
{
	uint32_t er;
	if ((off = parse_status(w, off, &er)) == FAIL)
		return FAIL;
	return er ? off : parse_fattr(w, off, verbose, v3);
}

static uint64_t parse_diropres(struct rpc_walk *w, uint64_t off)
{
	uint32_t er;
	if ((off = parse_status(w, off, &er)) == FAIL)
		return FAIL;
	if (er)
		return off;
	if ((off = parse_fh(w, off, 0)) == FAIL)
		return FAIL;
	return parse_fattr(w, off, w->pr->o.vflag, 0);
}

static uint64_t parse_post_op_attr(struct rpc_walk *w, uint64_t off, int verbose)
{
	uint32_t follows;
	G32(follows, off);
	if (!follows)
		return off + 4;
	if (verbose)
		return parse_fattr(w, off + 4, verbose, 1);
	return off + 4 + 84;
}

static uint64_t parse_pre_op_attr(struct rpc_walk *w, uint64_t off, int verbose)
{
	uint32_t follows, a, b, c, d;
	uint64_t q;
	G32(follows, off);
	if (!follows)
		return off + 4;
	off += 4;
	if (!has(w, off, 24))
		return FAIL;
	if (verbose > 1) {
		G64(q, off);
		G32(a, off + 8);
		G32(b, off + 12);
		G32(c, off + 16);
		G32(d, off + 20);
		out_fmt(w->pr->out, " sz %llu mtime %u.%06u ctime %u.%06u", (unsigned long long)q, a, b, c, d);
	}
	return off + 24;
}

static uint64_t parse_wcc_data(struct rpc_walk *w, uint64_t off, int verbose)
{
	if (verbose > 1)
		out_str(w->pr->out, " PRE:");
	if ((off = parse_pre_op_attr(w, off, verbose)) == FAIL)
		return FAIL;
	if (verbose)
		out_str(w->pr->out, " POST:");
	return parse_post_op_attr(w, off, verbose);
}

static uint64_t parse_wccres(struct rpc_walk *w, uint64_t off, int verbose)
{
	uint32_t er;
	if ((off = parse_status(w, off, &er)) == FAIL)
		return FAIL;
	return parse_wcc_data(w, off, verbose);
}

static uint64_t parse_createopres(struct rpc_walk *w, uint64_t off, int verbose)
{
	uint32_t er, follows;
	if ((off = parse_status(w, off, &er)) == FAIL)
		return FAIL;
	if (er)
		return parse_wcc_data(w, off, verbose);
	G32(follows, off);
	if (!follows)
		return off + 4;
	if ((off = parse_fh(w, off + 4, 1)) == FAIL)
		return FAIL;
	if (verbose) {
		if ((off = parse_post_op_attr(w, off, verbose)) == FAIL)
			return FAIL;
		if (w->pr->o.vflag > 1) {
			out_str(w->pr->out, " dir attr:");
			off = parse_wcc_data(w, off, verbose);
		}
	}
	return off;
}

static uint64_t parse_linkres(struct rpc_walk *w, uint64_t off, int v3)
{
	uint32_t er;
	if ((off = parse_status(w, off, &er)) == FAIL)
		return FAIL;
	if (er)
		return off;
	if (v3 && (off = parse_post_op_attr(w, off, w->pr->o.vflag)) == FAIL)
		return FAIL;
	out_char(w->pr->out, ' ');
	return parse_fn(w, off);
}

static uint64_t parse_statfs(struct rpc_walk *w, uint64_t off, int v3)
{
	np_printer *pr = w->pr;
	uint32_t er, a, b, c, d, e;
	uint64_t q, r, s;
	if ((off = parse_status(w, off, &er)) == FAIL)
		return FAIL;
	if ((!v3 && er) || pr->o.qflag)
		return off;
	if (v3) {
		if (pr->o.vflag)
			out_str(pr->out, " POST:");
		if ((off = parse_post_op_attr(w, off, pr->o.vflag)) == FAIL)
			return FAIL;
	}
	if (!has(w, off, v3 ? 52 : 20))
		return FAIL;
	if (v3) {
		G64(q, off);
		G64(r, off + 8);
		G64(s, off + 16);
		out_fmt(pr->out, " tbytes %llu fbytes %llu abytes %llu", (unsigned long long)q, (unsigned long long)r,
			(unsigned long long)s);
		if (pr->o.vflag) {
			G64(q, off + 24);
			G64(r, off + 32);
			G64(s, off + 40);
			G32(a, off + 48);
			out_fmt(pr->out, " tfiles %llu ffiles %llu afiles %llu invar %u", (unsigned long long)q,
				(unsigned long long)r, (unsigned long long)s, a);
		}
	} else {
		G32(a, off);
		G32(b, off + 4);
		G32(c, off + 8);
		G32(d, off + 12);
		G32(e, off + 16);
		out_fmt(pr->out, " tsize %u bsize %u blocks %u bfree %u bavail %u", a, b, c, d, e);
	}
	return off;
}

static uint64_t parse_rddires(struct rpc_walk *w, uint64_t off)
{
	uint32_t er, a, b, c;
	if ((off = parse_status(w, off, &er)) == FAIL)
		return FAIL;
	if (er || w->pr->o.qflag)
		return off;
	G32(a, off);
	G32(b, off + 4);
	out_fmt(w->pr->out, " offset 0x%x size %u ", a, b);
	G32(c, off + 8);
	if (c != 0)
		out_str(w->pr->out, " eof");
	return off;
}

/* A v3 status, then " POST:" and the attributes after the operation. */
static uint64_t parse_status_post(struct rpc_walk *w, uint64_t off, uint32_t *er)
{
	if ((off = parse_status(w, off, er)) == FAIL)
		return FAIL;
	if (w->pr->o.vflag)
		out_str(w->pr->out, " POST:");
	return parse_post_op_attr(w, off, w->pr->o.vflag);
}

/* n consecutive words from off. */
static bool get_words(struct rpc_walk *w, uint64_t off, uint32_t *v, int n)
{
	for (int i = 0; i < n; i++)
		if (!get32(w, off + 4 * (uint64_t)i, &v[i]))
			return false;
	return true;
}

static uint64_t parse_v3rddirres(struct rpc_walk *w, uint64_t off)
{
	uint32_t er, a, b;
	if ((off = parse_status_post(w, off, &er)) == FAIL)
		return FAIL;
	if (er)
		return off;
	if (w->pr->o.vflag) {
		G32(a, off);
		G32(b, off + 4);
		out_fmt(w->pr->out, " verf %08x%08x", a, b);
		off += 8;
	}
	return off;
}

static uint64_t parse_fsinfo(struct rpc_walk *w, uint64_t off)
{
	np_printer *pr = w->pr;
	uint32_t er, v[7], ds, dn;
	uint64_t q;
	if ((off = parse_status_post(w, off, &er)) == FAIL)
		return FAIL;
	if (er)
		return off;
	if (!has(w, off, 48))
		return FAIL;
	if (!get_words(w, off, v, 7))
		return FAIL;
	out_fmt(pr->out, " rtmax %u rtpref %u wtmax %u wtpref %u dtpref %u", v[0], v[1], v[3], v[4], v[6]);
	if (pr->o.vflag) {
		G64(q, off + 28);
		G32(ds, off + 36);
		G32(dn, off + 40);
		out_fmt(pr->out, " rtmult %u wtmult %u maxfsz %llu delta %u.%06u ", v[2], v[5], (unsigned long long)q,
			ds, dn);
	}
	return off;
}

static uint64_t parse_pathconf(struct rpc_walk *w, uint64_t off)
{
	np_printer *pr = w->pr;
	uint32_t er, v[6];
	if ((off = parse_status_post(w, off, &er)) == FAIL)
		return FAIL;
	if (er)
		return off;
	if (!has(w, off, 24))
		return FAIL;
	if (!get_words(w, off, v, 6))
		return FAIL;
	out_fmt(pr->out, " linkmax %u namemax %u %s %s %s %s", v[0], v[1], v[2] ? "notrunc" : "",
		v[3] ? "chownres" : "", v[4] ? "igncase" : "", v[5] ? "keepcase" : "");
	return off;
}

/* RENAME's results (" from: wcc to: wcc") or LINK's (" file POST: attr
 * dir: wcc"), the v3 parts with -v only. */
static uint64_t parse_rename_link(struct rpc_walk *w, uint64_t dp, bool link)
{
	int vflag = w->pr->o.vflag;
	uint32_t er;
	if ((dp = parse_status(w, dp, &er)) == FAIL)
		return FAIL;
	if (!w->v3 || !vflag)
		return dp;
	out_str(w->pr->out, link ? " file POST:" : " from:");
	dp = link ? parse_post_op_attr(w, dp, vflag) : parse_wcc_data(w, dp, vflag);
	if (dp == FAIL)
		return FAIL;
	out_str(w->pr->out, link ? " dir:" : " to:");
	return parse_wcc_data(w, dp, vflag);
}

/* tcpdump's interp_reply: the results of proc, after the RPC header. */
static uint64_t print_results(struct rpc_walk *w, uint32_t proc, uint64_t dp)
{
	np_printer *pr = w->pr;
	int v3 = w->v3, vflag = pr->o.vflag;
	uint32_t er, a, b;
	uint64_t q;
	switch (proc) {
	case P_GETATTR: return parse_attrstat(w, dp, !pr->o.qflag, v3);
	case P_SETATTR: return v3 ? parse_wccres(w, dp, vflag) : parse_attrstat(w, dp, !pr->o.qflag, 0);
	case P_LOOKUP:
		if (!v3)
			return parse_diropres(w, dp);
		if ((dp = parse_status(w, dp, &er)) == FAIL)
			return FAIL;
		if (!er) {
			if ((dp = parse_fh(w, dp, v3)) == FAIL || (dp = parse_post_op_attr(w, dp, vflag)) == FAIL)
				return FAIL;
		}
		if (vflag > 1) {
			out_str(pr->out, " post dattr:");
			dp = parse_post_op_attr(w, dp, vflag);
		}
		return dp;
	case P_ACCESS:
		if ((dp = parse_status(w, dp, &er)) == FAIL)
			return FAIL;
		if (vflag)
			out_str(pr->out, " attr:");
		if ((dp = parse_post_op_attr(w, dp, vflag)) == FAIL)
			return FAIL;
		if (!er) {
			G32(a, dp);
			out_fmt(pr->out, " c %04x", a);
		}
		return dp;
	case P_READLINK: return parse_linkres(w, dp, v3);
	case P_READ:
		if (!v3)
			return parse_attrstat(w, dp, vflag, 0);
		if ((dp = parse_status(w, dp, &er)) == FAIL || (dp = parse_post_op_attr(w, dp, vflag)) == FAIL)
			return FAIL;
		if (!er && vflag) {
			G32(a, dp);
			out_fmt(pr->out, " %u bytes", a);
			G32(b, dp + 4);
			if (b)
				out_str(pr->out, " EOF");
		}
		return dp;
	case P_WRITE:
		if (!v3)
			return parse_attrstat(w, dp, vflag, v3);
		if ((dp = parse_status(w, dp, &er)) == FAIL || (dp = parse_wcc_data(w, dp, vflag)) == FAIL)
			return FAIL;
		if (!er && vflag) {
			G32(a, dp);
			out_fmt(pr->out, " %u bytes", a);
			if (vflag > 1) {
				G32(b, dp + 4);
				print_write_mode(pr, b);
				G64(q, dp + 8);
				out_fmt(pr->out, " verf %llx", (unsigned long long)q);
			}
		}
		return dp;
	case P_CREATE:
	case P_MKDIR: return v3 ? parse_createopres(w, dp, vflag) : parse_diropres(w, dp);
	case P_SYMLINK: return v3 ? parse_createopres(w, dp, vflag) : parse_status(w, dp, &er);
	case P_MKNOD: return parse_createopres(w, dp, vflag);
	case P_REMOVE:
	case P_RMDIR: return v3 ? parse_wccres(w, dp, vflag) : parse_status(w, dp, &er);
	case P_RENAME: return parse_rename_link(w, dp, false);
	case P_LINK: return parse_rename_link(w, dp, true);
	case P_READDIR: return v3 ? parse_v3rddirres(w, dp) : parse_rddires(w, dp);
	case P_READDIRPLUS: return parse_v3rddirres(w, dp);
	case P_FSSTAT: return parse_statfs(w, dp, v3);
	case P_FSINFO: return parse_fsinfo(w, dp);
	case P_PATHCONF: return parse_pathconf(w, dp);
	case P_COMMIT:
		if ((dp = parse_wccres(w, dp, vflag)) == FAIL)
			return FAIL;
		if (vflag > 1) {
			G64(q, dp);
			out_fmt(pr->out, " verf %llx", (unsigned long long)q);
		}
		return dp;
	default: return dp;
	}
}

static void print_reply_results(struct rpc_walk *w, uint32_t length, const uint8_t *iph)
{
	np_printer *pr = w->pr;
	const struct nfs_xid *call = xid_find(pr, w->p, iph);
	if (!call)
		return;
	uint32_t proc = call->proc;
	w->v3 = call->vers == 3;
	if (!w->v3 && proc < NFS_NPROCS)
		proc = v2_to_v3[proc];
	out_fmt(pr->out, " %s", tok2str(proc_names, "proc-%u", proc));
	if (!has_args(proc))
		return;
	uint64_t dp = parse_rep(w, length);
	if (dp == FAIL || print_results(w, proc, dp) == FAIL) {
		if (!pr->stopped && !w->nfserr)
			print_trunc(pr);
	}
}

static void print_nfs_reply(np_printer *pr, const uint8_t *rp, uint32_t length, const uint8_t *iph)
{
	struct rpc_walk w = {pr, rp, print_caplen_from(pr, rp), 0, false};
	np_out *o = pr->out;
	uint32_t stat, rstat, lo, hi;
	pr->protocol = "nfs";
	if (!has(&w, 8, 4))
		goto trunc;
	stat = np_load_be32(rp + 8);
	switch (stat) {
	case MSG_ACCEPTED:
		out_fmt(o, "reply ok %u", length);
		print_reply_results(&w, length, iph);
		return;
	case MSG_DENIED:
		out_fmt(o, "reply ERR %u: ", length);
		if (!has(&w, 12, 4))
			goto trunc;
		rstat = np_load_be32(rp + 12);
		if (rstat == RPC_MISMATCH) {
			if (!has(&w, 20, 4))
				goto trunc;
			lo = np_load_be32(rp + 16);
			hi = np_load_be32(rp + 20);
			out_fmt(o, "RPC Version mismatch (%u-%u)", lo, hi);
		} else if (rstat == AUTH_ERROR) {
			if (!has(&w, 16, 4))
				goto trunc;
			out_fmt(o, "Auth %s",
				tok2str(auth_stat_names, "Invalid failure code %u", np_load_be32(rp + 16)));
		} else {
			out_fmt(o, "Unknown reason for rejecting rpc message %u", rstat);
		}
		return;
	default: out_fmt(o, "reply Unknown rpc response code=%u %u", stat, length); return;
	}
trunc:
	print_trunc(pr);
}

bool print_nfs(np_printer *pr, const uint8_t *rp, uint32_t length, uint16_t sport, uint16_t dport, const uint8_t *iph,
	       const char *lead)
{
	uint32_t xid, dir;
	if (!np_get_be32(rp + 4, pr->snapend, &dir) || !np_get_be32(rp, pr->snapend, &xid))
		return false;
	if (dport == NFS_PORT && dir == RPC_CALL) {
		out_fmt(pr->out, "%sNFS request xid %u ", lead, xid);
		print_nfs_request(pr, rp, length, iph);
		return true;
	}
	if (sport == NFS_PORT && dir == RPC_REPLY) {
		out_fmt(pr->out, "%sNFS reply xid %u ", lead, xid);
		print_nfs_reply(pr, rp, length, iph);
		return true;
	}
	return false;
}
