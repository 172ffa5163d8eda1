#include "csha256.h"

#include <stdatomic.h>

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>
#endif

static const uint32_t K[64] __attribute__((aligned(16))) = {
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

// MARK: - Portable C

#define ROTR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))
#define BSIG0(x) (ROTR(x, 2) ^ ROTR(x, 13) ^ ROTR(x, 22))
#define BSIG1(x) (ROTR(x, 6) ^ ROTR(x, 11) ^ ROTR(x, 25))
#define SSIG0(x) (ROTR(x, 7) ^ ROTR(x, 18) ^ ((x) >> 3))
#define SSIG1(x) (ROTR(x, 17) ^ ROTR(x, 19) ^ ((x) >> 10))
#define CH(x, y, z) ((z) ^ ((x) & ((y) ^ (z))))
#define MAJ(x, y, z) (((x) & (y)) | ((z) & ((x) | (y))))

// One round with the working variables named in rotated order: instead of moving
// a…h along, the next round names them one place over.
#define ROUND(a, b, c, d, e, f, g, h, i)                    \
  do {                                                      \
    uint32_t t1 = (h) + BSIG1(e) + CH(e, f, g) + K[i] + w[i]; \
    (d) += t1;                                              \
    (h) = t1 + BSIG0(a) + MAJ(a, b, c);                     \
  } while (0)

void jx_sha256_blocks_portable(uint32_t state[8], const uint8_t *data, size_t blocks) {
  uint32_t w[64];
  for (; blocks > 0; blocks--, data += 64) {
    for (int i = 0; i < 16; i++) {
      const uint8_t *p = data + 4 * i;
      w[i] = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
    }
    for (int i = 16; i < 64; i++) w[i] = SSIG1(w[i - 2]) + w[i - 7] + SSIG0(w[i - 15]) + w[i - 16];
    uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
    uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
    for (int i = 0; i < 64; i += 8) {
      ROUND(a, b, c, d, e, f, g, h, i);
      ROUND(h, a, b, c, d, e, f, g, i + 1);
      ROUND(g, h, a, b, c, d, e, f, i + 2);
      ROUND(f, g, h, a, b, c, d, e, i + 3);
      ROUND(e, f, g, h, a, b, c, d, i + 4);
      ROUND(d, e, f, g, h, a, b, c, i + 5);
      ROUND(c, d, e, f, g, h, a, b, i + 6);
      ROUND(b, c, d, e, f, g, h, a, i + 7);
    }
    state[0] += a;
    state[1] += b;
    state[2] += c;
    state[3] += d;
    state[4] += e;
    state[5] += f;
    state[6] += g;
    state[7] += h;
  }
}

// MARK: - x86-64 SHA extensions

#if defined(__x86_64__)
#define JX_SHA_NI __attribute__((target("sha,sse4.1")))

// Four rounds: `msg` holds W[4i…4i+3]; SHA256RNDS2 does two rounds on the state kept
// as ABEF and CDGH, taking W+K from the low two lanes of its third operand.
#define ROUNDS4(msg, i)                                                        \
  do {                                                                         \
    __m128i wk = _mm_add_epi32((msg), _mm_load_si128((const __m128i *)&K[4 * (i)])); \
    cdgh = _mm_sha256rnds2_epu32(cdgh, abef, wk);                              \
    abef = _mm_sha256rnds2_epu32(abef, cdgh, _mm_shuffle_epi32(wk, 0x0E));     \
  } while (0)

// W[4i…4i+3] from the four previous message vectors (m0 oldest, m3 newest), into m0:
// SHA256MSG1 adds σ0(W[t-15]) to W[t-16], the ALIGNR picks W[t-7], SHA256MSG2 adds
// σ1(W[t-2]).
#define SCHEDULE(m0, m1, m2, m3) \
  (m0) = _mm_sha256msg2_epu32(_mm_add_epi32(_mm_sha256msg1_epu32((m0), (m1)), _mm_alignr_epi8((m3), (m2), 4)), (m3))

JX_SHA_NI static void blocks_sha_ni(uint32_t state[8], const uint8_t *data, size_t blocks) {
  // Byte swaps within each 32-bit lane: the message words are big-endian.
  const __m128i bswap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);

  // A B C D / E F G H  →  ABEF / CDGH (high lane first), the order SHA256RNDS2 wants.
  __m128i tmp = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&state[0]), 0xB1);  // CDAB
  __m128i cdgh = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&state[4]), 0x1B);  // EFGH
  __m128i abef = _mm_alignr_epi8(tmp, cdgh, 8);  // ABEF
  cdgh = _mm_blend_epi16(cdgh, tmp, 0xF0);  // CDGH

  for (; blocks > 0; blocks--, data += 64) {
    const __m128i abef_saved = abef, cdgh_saved = cdgh;
    __m128i m0 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 0)), bswap);
    __m128i m1 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 16)), bswap);
    __m128i m2 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 32)), bswap);
    __m128i m3 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 48)), bswap);

    ROUNDS4(m0, 0);
    ROUNDS4(m1, 1);
    ROUNDS4(m2, 2);
    ROUNDS4(m3, 3);
    for (int i = 4; i < 16; i += 4) {
      SCHEDULE(m0, m1, m2, m3);
      ROUNDS4(m0, i);
      SCHEDULE(m1, m2, m3, m0);
      ROUNDS4(m1, i + 1);
      SCHEDULE(m2, m3, m0, m1);
      ROUNDS4(m2, i + 2);
      SCHEDULE(m3, m0, m1, m2);
      ROUNDS4(m3, i + 3);
    }

    abef = _mm_add_epi32(abef, abef_saved);
    cdgh = _mm_add_epi32(cdgh, cdgh_saved);
  }

  // ABEF / CDGH  →  A B C D / E F G H.
  tmp = _mm_shuffle_epi32(abef, 0x1B);  // FEBA
  cdgh = _mm_shuffle_epi32(cdgh, 0xB1);  // DCHG
  _mm_storeu_si128((__m128i *)&state[0], _mm_blend_epi16(tmp, cdgh, 0xF0));  // DCBA
  _mm_storeu_si128((__m128i *)&state[4], _mm_alignr_epi8(cdgh, tmp, 8));  // HGFE
}

static int detect_sha_ni(void) {
  unsigned int eax, ebx, ecx, edx;
  if (__get_cpuid_max(0, NULL) < 7) return 0;
  __cpuid(1, eax, ebx, ecx, edx);
  if (!(ecx & (1u << 19))) return 0;  // SSE4.1
  __cpuid_count(7, 0, eax, ebx, ecx, edx);
  return (ebx >> 29) & 1;  // SHA
}
#else
static int detect_sha_ni(void) { return 0; }
#endif

// MARK: - Dispatch

// -1 until the first call looks at the CPU. Threads that race there compute the same
// answer, so relaxed loads and stores are enough.
static atomic_int hardware = -1;

int jx_sha256_has_hardware(void) {
  int known = atomic_load_explicit(&hardware, memory_order_relaxed);
  if (known < 0) {
    known = detect_sha_ni();
    atomic_store_explicit(&hardware, known, memory_order_relaxed);
  }
  return known;
}

void jx_sha256_blocks(uint32_t state[8], const uint8_t *data, size_t blocks) {
#if defined(__x86_64__)
  if (jx_sha256_has_hardware()) {
    blocks_sha_ni(state, data, blocks);
    return;
  }
#endif
  jx_sha256_blocks_portable(state, data, blocks);
}
