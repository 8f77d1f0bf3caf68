// The baseline of the MMA throughput benchmark: the golden model's MMA kernel alone, in a plain
// C++ loop over the same number of MMAs (and the portable reference loop for comparison).
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "sim/tile/func/tile_ops.h"

int main(int argc, char** argv) {
  const long n = argc > 1 ? std::atol(argv[1]) : (1L << 20);
  func::Tile a, b, acc[8];
  func::fill(a, 0x01020304);
  func::fill(b, 0x05060708);
  for (auto& t : acc) func::fill(t, 0);
  auto time = [&](auto&& kernel) {
    const auto t0 = std::chrono::steady_clock::now();
    for (long i = 0; i < n; ++i) kernel(acc[i & 7]);
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  };
  const double fast = time([&](func::Tile& d) { func::mma_i8(d, a, b, true, true); });
  const double ref = time([&](func::Tile& d) { func::mma_i8_ref(d, a, b, true, true); });
  std::printf("%ld %.6f %.6f %d %d\n", n, fast, ref, func::have_avx2() ? 1 : 0, acc[3].w(1, 1) != 0);
  return 0;
}
