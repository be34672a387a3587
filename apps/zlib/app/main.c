/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * zlib, compiled from Debian's source unchanged (libs/zlib), compresses and decompresses 64 KiB of
 * generated text.  zlib may sit in another compartment: what it must reach is the stream (a local
 * here, moved to the data shadow stack under private stacks) and memory from the shared heap (the
 * buffers, and zlib's own state through the allocator handed to it, a callback into this
 * compartment).  The lines printed are compared with Python's zlib (tests/test_newuser.py).
 */
#include <stdint.h>
#include <zlib.h>
#include <bulkhead/console.h>
#include <bulkhead/heap.h>
#include <bulkhead/string.h>

#define INPUT 65536
#define CHUNK_IN 4096    /* deflate's input in pieces, and */
#define CHUNK_OUT 1024   /* both streams' output in pieces: many calls across */

static unsigned allocations;

static voidpf shared_alloc(voidpf opaque, uInt items, uInt size)
{
	(void)opaque;
	allocations++;
	return bh_shared_malloc((size_t)items * size);
}

static void shared_free(voidpf opaque, voidpf p)
{
	(void)opaque;
	bh_shared_free(p);
}

/* Text from a fixed word list, picked by a 32-bit LCG (tests/test_newuser.py makes the same). */
static void generate(unsigned char *buf, size_t n)
{
	static const char *const words[] = { "bulkhead ", "compartment ", "gate ", "key ", "zlib ", "stack ",
					     "heap ", "deflate ", "inflate ", "the ", "of ", "a ", "\n" };
	uint32_t x = 12345;
	size_t at = 0;
	while (at < n) {
		x = x * 1103515245u + 12345u;
		const char *w = words[(x >> 16) % (sizeof(words) / sizeof(words[0]))];
		for (size_t i = 0; w[i] && at < n; i++)
			buf[at++] = (unsigned char)w[i];
	}
}

static int compress_all(z_stream *s, const unsigned char *in, unsigned char *out, size_t cap, size_t *len)
{
	int rc = deflateInit(s, 6);
	if (rc != Z_OK)
		return rc;
	size_t fed = 0;
	*len = 0;
	do {
		size_t piece = INPUT - fed < CHUNK_IN ? INPUT - fed : CHUNK_IN;
		s->next_in = (Bytef *)in + fed;
		s->avail_in = (uInt)piece;
		fed += piece;
		int flush = fed == INPUT ? Z_FINISH : Z_NO_FLUSH;
		do {
			size_t room = cap - *len < CHUNK_OUT ? cap - *len : CHUNK_OUT;
			s->next_out = out + *len;
			s->avail_out = (uInt)room;
			rc = deflate(s, flush);
			if (rc == Z_STREAM_ERROR)
				return rc;
			*len += room - s->avail_out;
		} while (s->avail_out == 0 && *len < cap);
	} while (rc != Z_STREAM_END && fed <= INPUT && *len < cap);
	int end = deflateEnd(s);
	return rc == Z_STREAM_END ? end : Z_BUF_ERROR;
}

static int decompress_all(z_stream *s, const unsigned char *in, size_t len, unsigned char *out, size_t *got)
{
	int rc = inflateInit(s);
	if (rc != Z_OK)
		return rc;
	s->next_in = (Bytef *)in;
	s->avail_in = (uInt)len;
	*got = 0;
	do {
		size_t room = INPUT - *got < CHUNK_OUT ? INPUT - *got : CHUNK_OUT;
		s->next_out = out + *got;
		s->avail_out = (uInt)room;
		rc = inflate(s, Z_NO_FLUSH);
		*got += room - s->avail_out;
	} while (rc == Z_OK && *got < INPUT);
	int end = inflateEnd(s);
	return rc == Z_STREAM_END ? end : (rc == Z_OK ? Z_BUF_ERROR : rc);
}

int main(void)
{
	size_t cap = INPUT + INPUT / 8 + 64;
	unsigned char *in = bh_shared_malloc(INPUT), *packed = bh_shared_malloc(cap), *out = bh_shared_malloc(INPUT);
	if (!in || !packed || !out) {
		bh_printf("zlib: the shared heap is too small for the buffers\n");
		return 3;
	}
	generate(in, INPUT);
	bh_printf("zlib: version %s, input %d bytes, crc32 %08lx, adler32 %08lx\n", zlibVersion(), INPUT,
		  (unsigned long)crc32(0, in, INPUT), (unsigned long)adler32(1, in, INPUT));

	z_stream s;
	memset(&s, 0, sizeof(s));
	s.zalloc = shared_alloc;
	s.zfree = shared_free;
	size_t len = 0, got = 0;
	int rc = compress_all(&s, in, packed, cap, &len);
	bh_printf("zlib: deflate level 6: rc %d, %lu bytes, crc32 %08lx\n", rc, (unsigned long)len,
		  (unsigned long)crc32(0, packed, (uInt)len));
	if (rc != Z_OK)
		return 1;
	memset(&s, 0, sizeof(s));
	s.zalloc = shared_alloc;
	s.zfree = shared_free;
	rc = decompress_all(&s, packed, len, out, &got);
	int same = got == INPUT && memcmp(in, out, INPUT) == 0;
	bh_printf("zlib: inflate: rc %d, %lu bytes, crc32 %08lx, round trip %s, %u allocations\n", rc,
		  (unsigned long)got, (unsigned long)crc32(0, out, (uInt)got), same ? "identical" : "DIFFERENT",
		  allocations);
	return rc == Z_OK && same ? 0 : 2;
}
