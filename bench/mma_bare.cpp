// The baseline of the MMA throughput benchmark: the golden machine's MMA (its one dispatcher, the
// kernels of TILESIM_KERNELS) alone, in a plain C++ loop over the same number of MMAs, and the
// portable reference loop for comparison.
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "sim/xtile/machine.h"

int main(int argc, char** argv) {
  const long n = argc > 1 ? std::atol(argv[1]) : (1L << 20);
  xtile::Tile a, b, acc[8];
  xtile::fill(a, 0x01020304);
  xtile::fill(b, 0x05060708);
  for (auto& t : acc) xtile::fill(t, 0);
  auto time = [&](auto&& kernel) {
    const auto t0 = std::chrono::steady_clock::now();
    for (long i = 0; i < n; ++i) kernel(acc[i & 7]);
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  };
  const xtile::XtileMachine machine(32, 1024, 1, 16, 1, xtile::DramView{}, 1);
  const double fast = time([&](xtile::Tile& d) { machine.mma(isa::Format::Int8SS, d, a, b); });
  const double ref = time([&](xtile::Tile& d) { xtile::mma_ref(isa::Format::Int8SS, d, a, b); });
  std::printf("%ld %.6f %.6f %d %d\n", n, fast, ref, xtile::use_avx2() ? 1 : 0, acc[3].w(1, 1) != 0);
  return 0;
}
