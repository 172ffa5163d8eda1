#include "ccrc32.h"

#include <stdatomic.h>

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>

#define JX_PCLMUL __attribute__((target("pclmul,sse4.1")))

// Folding constants for the bit-reflected polynomial 0xEDB88320 (x^n mod P for the
// distances folded below, and the Barrett constants), as in Intel's white paper "Fast
// CRC Computation for Generic Polynomials Using PCLMULQDQ" and the Linux kernel.
static const uint64_t k1k2[2] __attribute__((aligned(16))) = {0x0154442bd4, 0x01c6e41596};  // 512 bits
static const uint64_t k3k4[2] __attribute__((aligned(16))) = {0x01751997d0, 0x00ccaa009e};  // 128 bits
static const uint64_t k5k0[2] __attribute__((aligned(16))) = {0x0163cd6124, 0x0000000000};  // 64 bits
static const uint64_t poly[2] __attribute__((aligned(16))) = {0x01db710641, 0x01f7011641};  // P and mu

// One fold: `acc` moved forward by the distance the constants in `k` stand for,
// xor-ed with `data`.
JX_PCLMUL static inline __m128i fold(__m128i acc, __m128i k, __m128i data) {
  __m128i low = _mm_clmulepi64_si128(acc, k, 0x00);
  __m128i high = _mm_clmulepi64_si128(acc, k, 0x11);
  return _mm_xor_si128(_mm_xor_si128(high, low), data);
}

// `crc` here is the inverted register (as zlib keeps it internally).
JX_PCLMUL static uint32_t fold_pclmul(uint32_t crc, const uint8_t *data, size_t length) {
  __m128i x1 = _mm_loadu_si128((const __m128i *)(data + 0x00));
  __m128i x2 = _mm_loadu_si128((const __m128i *)(data + 0x10));
  __m128i x3 = _mm_loadu_si128((const __m128i *)(data + 0x20));
  __m128i x4 = _mm_loadu_si128((const __m128i *)(data + 0x30));
  x1 = _mm_xor_si128(x1, _mm_cvtsi32_si128((int)crc));
  data += 64;
  length -= 64;

  // Four independent 128-bit lanes, each folded 512 bits forward per step.
  __m128i k = _mm_load_si128((const __m128i *)k1k2);
  while (length >= 64) {
    x1 = fold(x1, k, _mm_loadu_si128((const __m128i *)(data + 0x00)));
    x2 = fold(x2, k, _mm_loadu_si128((const __m128i *)(data + 0x10)));
    x3 = fold(x3, k, _mm_loadu_si128((const __m128i *)(data + 0x20)));
    x4 = fold(x4, k, _mm_loadu_si128((const __m128i *)(data + 0x30)));
    data += 64;
    length -= 64;
  }

  // The four lanes into one, then the remaining 16-byte blocks.
  k = _mm_load_si128((const __m128i *)k3k4);
  x1 = fold(x1, k, x2);
  x1 = fold(x1, k, x3);
  x1 = fold(x1, k, x4);
  while (length >= 16) {
    x1 = fold(x1, k, _mm_loadu_si128((const __m128i *)data));
    data += 16;
    length -= 16;
  }

  // 128 bits to 64.
  __m128i mask = _mm_setr_epi32(~0, 0, ~0, 0);
  __m128i t = _mm_clmulepi64_si128(x1, k, 0x10);  // a temporary
  x1 = _mm_xor_si128(_mm_srli_si128(x1, 8), t);
  k = _mm_loadl_epi64((const __m128i *)k5k0);
  t = _mm_srli_si128(x1, 4);
  x1 = _mm_and_si128(x1, mask);
  x1 = _mm_clmulepi64_si128(x1, k, 0x00);
  x1 = _mm_xor_si128(x1, t);

  // Barrett reduction to 32 bits.
  k = _mm_load_si128((const __m128i *)poly);
  t = _mm_and_si128(x1, mask);
  t = _mm_clmulepi64_si128(t, k, 0x10);
  t = _mm_and_si128(t, mask);
  t = _mm_clmulepi64_si128(t, k, 0x00);
  x1 = _mm_xor_si128(x1, t);
  return (uint32_t)_mm_extract_epi32(x1, 1);
}

static int detect_pclmul(void) {
  unsigned int eax, ebx, ecx, edx;
  if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return 0;
  return (ecx & (1u << 1)) && (ecx & (1u << 19));  // PCLMULQDQ, SSE4.1
}
#else
static int detect_pclmul(void) { return 0; }
#endif

static atomic_int hardware = -1;

int jx_crc32_has_pclmul(void) {
  int known = atomic_load_explicit(&hardware, memory_order_relaxed);
  if (known < 0) {
    known = detect_pclmul();
    atomic_store_explicit(&hardware, known, memory_order_relaxed);
  }
  return known;
}

uint32_t jx_crc32_fold(uint32_t crc, const uint8_t *data, size_t length) {
#if defined(__x86_64__)
  return ~fold_pclmul(~crc, data, length);
#else
  (void)crc, (void)data, (void)length;
  __builtin_trap();  // unreachable: jx_crc32_has_pclmul() is 0 here
#endif
}
