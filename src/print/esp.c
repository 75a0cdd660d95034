/*
 * esp.c - IPsec Encapsulating Security Payload text (RFC 4303) as tcpdump
 * 4.99's print-esp.c writes it: "ESP(spi=..,seq=..), length N", and with
 * `decode -E SECRETS` the decrypted payload after ": ", printed as the
 * protocol its next-header field names.
 *
 * The secrets take tcpdump's -E forms: comma- or newline-separated
 * "[SPI@ADDRESS ]ALGO:SECRET" items (ALGO an OpenSSL cipher name such as
 * 3des-cbc or aes256-cbc, "-hmac96" telling that a 12-byte ICV ends each
 * packet; SECRET "0x" and hex, or the bytes themselves), or "file PATH"
 * with one item a line ('#' starts a comment). An item without SPI@ADDRESS
 * is used for every SA no other item names. Decryption uses OpenSSL's
 * libcrypto (EVP), loaded when -E is first used (util/dynlib.h): linked
 * in, its 21,000 relocations were about 3.4 million instructions and
 * 1.3 MiB of every run of every command. Without it, -E says so once and
 * ESP is printed undecrypted. The secrets never reach the output or the
 * logs.
 *
 * Not for: checking the ICV, IKEv2's "ikev2" secret lines (ignored with a
 * warning), anything but CBC-mode ciphers' ESP.
 */
#include "print.h"

#include <arpa/inet.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "../util/dynlib.h"

#define ESP_HDR_LEN 8 /* SPI, sequence number */
#define ESP_SECRET_MAX 256

/* ---- libcrypto, loaded on first use ------------------------------------- */

#define LIBCRYPTO_SONAME "libcrypto.so.3"

/* Every libcrypto function this file calls, called as evp.NAME. */
#define EVP_FUNCTIONS(X)                 \
	X(EVP_get_cipherbyname)          \
	X(EVP_CIPHER_get_iv_length)      \
	X(EVP_CIPHER_CTX_new)            \
	X(EVP_CIPHER_CTX_free)           \
	X(EVP_CIPHER_CTX_get_block_size) \
	X(EVP_CIPHER_CTX_set_padding)    \
	X(EVP_DecryptInit_ex)            \
	X(EVP_DecryptUpdate)

NP_DYNLIB(evp, LIBCRYPTO_SONAME, EVP_FUNCTIONS)

/* One security association from -E. */
struct esp_sa {
	struct esp_sa *next;
	int version; /* 4 or 6: the destination's family; 0 for the default SA */
	uint8_t daddr[16];
	uint32_t spi;
	const EVP_CIPHER *evp;
	uint32_t ivlen, authlen;
	uint8_t secret[ESP_SECRET_MAX];
};

struct esp_secrets {
	struct esp_sa *list;
	struct esp_sa *deflt; /* the last item without SPI@ADDRESS */
};

void esp_secrets_free(struct esp_secrets *s)
{
	if (!s)
		return;
	while (s->list) {
		struct esp_sa *next = s->list->next;
		explicit_bzero(s->list, sizeof(*s->list));
		free(s->list);
		s->list = next;
	}
	free(s);
}

static void esp_warn(const char *where, int lineno, const char *what)
{
	if (lineno)
		fprintf(stderr, "netprofile: decode: -E %s:%d: %s\n", where, lineno, what);
	else
		fprintf(stderr, "netprofile: decode: -E: %s\n", what);
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* "ALGO:SECRET" into sa; false (with a warning naming no secret) when bad. */
static bool esp_parse_algo(char *s, struct esp_sa *sa, const char *where, int lineno)
{
	char *colon = strchr(s, ':');
	if (!colon) {
		esp_warn(where, lineno, "no ALGO:SECRET");
		return false;
	}
	*colon = '\0';
	size_t n = strlen(s);
	if (n > 7 && strcmp(s + n - 7, "-hmac96") == 0) {
		n -= 7;
		s[n] = '\0';
		sa->authlen = 12;
	}
	if (n > 4 && strcmp(s + n - 4, "-cbc") == 0)
		s[n - 4] = '\0';
	/* tcpdump adds "3des" as a name of DES-EDE3-CBC */
	sa->evp = evp.EVP_get_cipherbyname(strcmp(s, "3des") == 0 ? "des-ede3-cbc" : s);
	if (!sa->evp) {
		char msg[128];
		snprintf(msg, sizeof(msg), "unknown cipher '%.40s'", s);
		esp_warn(where, lineno, msg);
		return false;
	}
	sa->ivlen = (uint32_t)evp.EVP_CIPHER_get_iv_length(sa->evp);
	const char *key = colon + 1;
	if (key[0] == '0' && key[1] == 'x') {
		key += 2;
		size_t bytes = strlen(key) / 2;
		if (bytes == 0 || bytes > ESP_SECRET_MAX) {
			esp_warn(where, lineno, "secret empty or longer than 256 bytes");
			return false;
		}
		for (size_t i = 0; i < bytes; i++) {
			int hi = hexval(key[2 * i]), lo = hexval(key[2 * i + 1]);
			if (hi < 0 || lo < 0) {
				esp_warn(where, lineno, "secret is not hex after 0x");
				return false;
			}
			sa->secret[i] = (uint8_t)(hi << 4 | lo);
		}
	} else {
		size_t len = strlen(key);
		memcpy(sa->secret, key, len < ESP_SECRET_MAX ? len : ESP_SECRET_MAX);
	}
	return true;
}

static void esp_parse_item(struct esp_secrets *s, char *line, const char *where, int lineno);

/* "file PATH": one item a line. */
static void esp_parse_file(struct esp_secrets *s, const char *path)
{
	FILE *f = fopen(path, "r");
	char line[1024];
	int lineno = 0;
	if (!f) {
		fprintf(stderr, "netprofile: decode: -E file %s: %s\n", path, strerror(errno));
		return;
	}
	while (fgets(line, sizeof(line), f)) {
		lineno++;
		line[strcspn(line, "\n")] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		esp_parse_item(s, line, path, lineno);
	}
	fclose(f);
	explicit_bzero(line, sizeof(line));
}

static void esp_parse_item(struct esp_secrets *s, char *line, const char *where, int lineno)
{
	struct esp_sa sa;
	memset(&sa, 0, sizeof(sa));
	char *rest = line;
	char *first = strsep(&rest, " \t");
	char *algo = rest ? rest : first;
	if (rest && strcasecmp(first, "file") == 0) {
		esp_parse_file(s, rest);
		return;
	}
	if (rest && strcasecmp(first, "ikev2") == 0) {
		esp_warn(where, lineno, "IKEv2 secrets are not supported (line ignored)");
		return;
	}
	if (rest) {
		char *at = strchr(first, '@'), *end;
		if (!at) {
			esp_warn(where, lineno, "no SPI@ADDRESS");
			return;
		}
		*at = '\0';
		unsigned long spi = strtoul(first, &end, 0);
		if (end == first) {
			esp_warn(where, lineno, "bad SPI");
			return;
		}
		sa.spi = (uint32_t)spi;
		if (inet_pton(AF_INET6, at + 1, sa.daddr) == 1) {
			sa.version = 6;
		} else if (inet_pton(AF_INET, at + 1, sa.daddr) == 1) {
			sa.version = 4;
		} else {
			esp_warn(where, lineno, "bad address after @");
			return;
		}
		algo += strspn(algo, " \t\r\n");
	}
	if (!esp_parse_algo(algo, &sa, where, lineno)) {
		explicit_bzero(&sa, sizeof(sa));
		return;
	}
	struct esp_sa *n = malloc(sizeof(*n));
	if (n) {
		*n = sa;
		n->next = s->list;
		s->list = n;
		if (!rest)
			s->deflt = n;
	}
	explicit_bzero(&sa, sizeof(sa));
}

/* The secrets of -E, parsed once (NULL when none or none valid). */
static struct esp_secrets *esp_secrets(np_printer *pr)
{
	if (pr->esp || !pr->o.espsecret)
		return pr->esp;
	pr->esp = calloc(1, sizeof(*pr->esp));
	const char *why = evp_missing();
	if (pr->esp && why) { /* no SA: ESP printed undecrypted */
		char msg[400];
		snprintf(msg, sizeof(msg),
			 "cannot load OpenSSL's " LIBCRYPTO_SONAME
			 " (Debian: apt-get install libssl3): %s; ESP is not decrypted",
			 why);
		esp_warn("", 0, msg);
		return pr->esp;
	}
	char *spec = strdup(pr->o.espsecret);
	if (!pr->esp || !spec) {
		free(spec);
		return pr->esp;
	}
	char *p = spec, *item;
	while ((item = strsep(&p, "\n,")) != NULL)
		if (item[0])
			esp_parse_item(pr->esp, item, "", 0);
	explicit_bzero(spec, strlen(pr->o.espsecret));
	free(spec);
	return pr->esp;
}

void print_esp_secrets_load(np_printer *pr)
{
	esp_secrets(pr);
}

/* The SA for this SPI and the IP header's destination, else the default. */
static const struct esp_sa *esp_find_sa(const struct esp_secrets *s, uint32_t spi, const uint8_t *iph, int ver)
{
	const uint8_t *dst = ver == 4 ? iph + 16 : iph + 24;
	uint32_t alen = ver == 4 ? 4 : 16;
	for (const struct esp_sa *sa = s->list; sa; sa = sa->next)
		if (sa->version == ver && sa->spi == spi && memcmp(sa->daddr, dst, alen) == 0)
			return sa;
	return s->deflt;
}

/* ct (len bytes, a whole number of blocks) decrypted into a new buffer. */
static uint8_t *esp_decrypt(const struct esp_sa *sa, const uint8_t *iv, const uint8_t *ct, uint32_t len)
{
	EVP_CIPHER_CTX *ctx = evp.EVP_CIPHER_CTX_new();
	uint8_t *pt = NULL;
	int outl;
	if (!ctx)
		return NULL;
	if (evp.EVP_DecryptInit_ex(ctx, sa->evp, NULL, sa->secret, iv) != 1)
		goto done;
	uint32_t block = (uint32_t)evp.EVP_CIPHER_CTX_get_block_size(ctx);
	if (len % block != 0) {
		fprintf(stderr,
			"netprofile: decode: esp: ciphertext size %u is not a multiple of the cipher block size %u\n",
			len, block);
		goto done;
	}
	pt = calloc(1, len ? len : 1);
	if (!pt || evp.EVP_CIPHER_CTX_set_padding(ctx, 0) != 1 ||
	    evp.EVP_DecryptUpdate(ctx, pt, &outl, ct, (int)len) != 1) {
		free(pt);
		pt = NULL;
	}
done:
	evp.EVP_CIPHER_CTX_free(ctx);
	return pt;
}

/* With -E: the decrypted payload after ": " (tcpdump's esp_print with
 * libcrypto). ep: the end of the captured ESP bytes. */
static void esp_print_decrypted(np_printer *pr, const uint8_t *p, const uint8_t *iph, int fragmented, uint8_t ttl_hl)
{
	const struct esp_secrets *s = esp_secrets(pr);
	if (!s || !s->list || !iph)
		return;
	int ver = iph[0] >> 4;
	if (ver == 6 && (iph[4] << 8 | iph[5]) == 0)
		return; /* jumbograms are not decrypted */
	if ((ver == 4 && fragmented) || (ver != 4 && ver != 6))
		return; /* the next header is in the last fragment */
	const struct esp_sa *sa = esp_find_sa(s, np_load_be32(p), iph, ver);
	if (!sa)
		return;
	const uint8_t *iv = p + ESP_HDR_LEN, *ct = iv + sa->ivlen, *ep = pr->snapend;
	if (ct > ep || (uint32_t)(ep - ct) < sa->authlen) {
		print_trunc(pr);
		return;
	}
	ep -= sa->authlen;
	uint32_t ctlen = (uint32_t)(ep - ct);
	if (ctlen == 0) {
		print_trunc(pr);
		return;
	}
	uint8_t *pt = esp_decrypt(sa, iv, ct, ctlen);
	if (!pt)
		return;
	uint8_t padlen = pt[ctlen - 2], nh = pt[ctlen - 1]; /* ctlen is whole blocks: >= 8 */
	if (padlen + 2u > ctlen) {
		print_trunc(pr);
		free(pt);
		return;
	}
	out_str(pr->out, ": ");
	uint32_t inner = ctlen - (padlen + 2u);
	const uint8_t *old = pr->snapend;
	pr->snapend = pt + inner;
	print_ip_demux(pr, pt, inner, ver, fragmented, ttl_hl, nh, iph);
	pr->snapend = old;
	free(pt);
}

void print_esp(np_printer *pr, const uint8_t *p, uint32_t length, const uint8_t *iph, int fragmented, uint8_t ttl_hl)
{
	uint32_t spi = 0, seq = 0;
	pr->protocol = "esp";
	/* tcpdump wants at least one byte past the header before it prints. */
	if (!np_has(p, pr->snapend, ESP_HDR_LEN + 1)) {
		print_trunc(pr);
		return;
	}
	np_get_be32(p, pr->snapend, &spi);
	np_get_be32(p + 4, pr->snapend, &seq);
	out_fmt(pr->out, "ESP(spi=0x%08x,seq=0x%x), length %u", spi, seq, length);
	if (pr->o.espsecret)
		esp_print_decrypted(pr, p, iph, fragmented, ttl_hl);
}
