#include "sim/xtile/kernels.h"

#include <cstdlib>
#include <cstring>

namespace xtile {
namespace {
KernelSet parse() {
  const char* v = std::getenv("TILESIM_KERNELS");
  if (!v || !*v || std::strcmp(v, "fast") == 0) return KernelSet::Fast;
  if (std::strcmp(v, "ref") == 0) return KernelSet::Ref;
  throw KernelSetError(std::string("TILESIM_KERNELS=") + v + ": expected `fast` (the default) or `ref` (every reference kernel)");
}
}  // namespace

KernelSet kernel_set() {
  static const KernelSet s = parse();
  return s;
}

std::string kernel_set_name() {
  if (kernel_set() == KernelSet::Ref) return "ref";
  return use_avx2() ? "fast (avx2)" : "fast (portable: the CPU has no AVX2)";
}

}  // namespace xtile
