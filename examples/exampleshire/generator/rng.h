// The generator's only source of randomness. The output must be byte-identical
// for the same arguments on every platform and standard library, so nothing
// here uses <random>'s distributions (their algorithms are implementation-
// defined); every choice is exact integer arithmetic on xoshiro256** output.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>

namespace exampleshire {

// SplitMix64 step. Seeds xoshiro (its authors' recommendation) and derives
// independent per-entity seeds.
inline uint64_t SplitMix64(uint64_t* state) {
  uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// A seed for entity `index` of stream `stream`. Each household draws from its
// own generator, so a change to one cohort's logic does not reshuffle the
// histories of every household generated after it.
inline uint64_t DeriveSeed(uint64_t seed, uint64_t stream, uint64_t index) {
  uint64_t s = seed ^ (stream * 0xD1B54A32D192ED03ull);
  uint64_t a = SplitMix64(&s);
  s = a ^ (index * 0x9E3779B97F4A7C15ull);
  return SplitMix64(&s);
}

// xoshiro256** 1.0 (Blackman and Vigna).
class Rng {
 public:
  explicit Rng(uint64_t seed) {
    for (uint64_t& word : s_) word = SplitMix64(&seed);
  }

  uint64_t Next() {
    const uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, n), n > 0. Rejection sampling keeps it exactly unbiased.
  uint64_t Below(uint64_t n) {
    const uint64_t threshold = (0 - n) % n;
    for (;;) {
      const uint64_t r = Next();
      if (r >= threshold) return r % n;
    }
  }

  // Uniform in [lo, hi], both inclusive; lo when hi < lo.
  int Range(int lo, int hi) {
    if (hi <= lo) return lo;
    return lo + static_cast<int>(Below(static_cast<uint64_t>(hi - lo) + 1));
  }

  bool Percent(int p) { return static_cast<int>(Below(100)) < p; }
  bool PerMille(int p) { return static_cast<int>(Below(1000)) < p; }
  bool Per100k(int p) { return static_cast<int>(Below(100000)) < p; }

  // Index chosen with the given integer weights (all >= 0, sum > 0).
  int Weighted(const int* weights, size_t n) {
    uint64_t total = 0;
    for (size_t i = 0; i < n; ++i) total += static_cast<uint64_t>(weights[i]);
    uint64_t r = Below(total);
    for (size_t i = 0; i < n; ++i) {
      const uint64_t w = static_cast<uint64_t>(weights[i]);
      if (r < w) return static_cast<int>(i);
      r -= w;
    }
    return static_cast<int>(n - 1);
  }
  int Weighted(std::initializer_list<int> weights) { return Weighted(weights.begin(), weights.size()); }

  template <typename T, size_t N>
  const T& Pick(const T (&items)[N]) {
    return items[Below(N)];
  }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4];
};

}  // namespace exampleshire
