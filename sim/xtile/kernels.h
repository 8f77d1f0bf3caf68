#pragma once
// Which kernels compute the golden model's operations. Every operation with a fast (SIMD) kernel
// keeps its reference kernel beside it, in the same file, with the table that picks one
// (sim/xtile/ops/). The choice is explicit and process-wide:
//   TILESIM_KERNELS=fast (or unset)  the fast kernels where the CPU has them (AVX2), else the
//                                    portable ones
//   TILESIM_KERNELS=ref              every reference kernel and the portable twin of every SIMD
//                                    path, on any CPU (CI runs the tests a second time this way)
#include <stdexcept>
#include <string>

namespace xtile {

enum class KernelSet : unsigned char { Fast, Ref };

/// TILESIM_KERNELS is neither unset, "fast" nor "ref".
struct KernelSetError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// The kernel set of this process, from TILESIM_KERNELS (read once); throws KernelSetError.
KernelSet kernel_set();
/// What runs, for reports: "fast (avx2)", "fast (portable: the CPU has no AVX2)" or "ref".
std::string kernel_set_name();
/// The CPU has AVX2 (whatever the kernel set).
inline bool cpu_has_avx2() {
  static const bool yes = __builtin_cpu_supports("avx2");
  return yes;
}
/// The AVX2 kernels are in use: the CPU has AVX2 and the set is Fast. Hot paths test this.
inline bool use_avx2() {
  static const bool yes = kernel_set() == KernelSet::Fast && cpu_has_avx2();
  return yes;
}

}  // namespace xtile
