#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include "workloads/host/options.h"
#include "workloads/host/workload.h"

namespace wl {

std::unique_ptr<Workload> make_gemm(const Options& o, const cfg::HwConfig& chip);
std::unique_ptr<Workload> make_gemv(const Options& o, const cfg::HwConfig& chip);
std::unique_ptr<Workload> make_bitnet(const Options& o, const cfg::HwConfig& chip);
std::unique_ptr<Workload> make_attention(const Options& o, const cfg::HwConfig& chip);

namespace {
/// The bump allocator's step: the 4 KiB-aligned start of `bytes` after `next`; throws if it does not fit.
uint64_t place(uint64_t next, uint64_t base, uint64_t size, uint64_t bytes, const std::string& what) {
  const uint64_t start = (next + 4095) & ~uint64_t(4095);
  if (start + bytes > base + size)
    throw ParamError(what + " (" + std::to_string(bytes) + " bytes) does not fit in DRAM: " +
                     std::to_string(start >= base + size ? 0 : (base + size - start) >> 20) + " MiB left of " +
                     std::to_string(size >> 20) + " (memory.dram_size_mib)");
  return start;
}
}  // namespace

void require_fit(const Memory& mem, const std::vector<std::pair<std::string, uint64_t>>& buffers) {
  uint64_t next = mem.next;
  for (const auto& [what, bytes] : buffers) next = place(next, mem.base, mem.size, bytes, what) + bytes;
}

uint32_t Memory::alloc(uint64_t bytes, const std::string& what) {
  const uint64_t start = place(next, base, size, bytes, what);
  next = start + bytes;
  // Zero-filled explicitly (DRAM reads as zero anyway): the host pages are touched now, while the
  // driver places its buffers, not by the first DMA store during the timed simulation.
  std::memset(at(static_cast<uint32_t>(start)), 0, bytes);
  return static_cast<uint32_t>(start);
}

std::string compare_i32(const uint8_t* got_bytes, const std::vector<int32_t>& want, uint32_t cols, const std::string& name) {
  uint64_t bad = 0;
  std::string first;
  for (size_t e = 0; e < want.size(); ++e) {
    int32_t got;
    std::memcpy(&got, got_bytes + 4 * e, 4);
    if (got != want[e] && bad++ == 0)
      first = name + "[" + std::to_string(e / cols) + "][" + std::to_string(e % cols) + "] = " + std::to_string(got) +
              ", expected " + std::to_string(want[e]);
  }
  return bad ? std::to_string(bad) + " of " + std::to_string(want.size()) + " elements differ; first: " + first : "";
}


uint64_t Tensor::bytes() const {
  uint64_t n = dtype == "<i4" ? 4 : 1;
  for (auto s : shape) n *= s;
  return n;
}

uint32_t opt_u32(const Options& o, const std::string& key, uint32_t def, uint32_t lo, uint32_t hi) {
  auto it = o.find(key);
  if (it == o.end()) return def;
  char* end = nullptr;
  const std::string& t = it->second;  // decimal digits only: no sign, no spaces
  const long long v = t.size() > 12 || t.find_first_not_of("0123456789") != std::string::npos ? -1 : std::strtoll(t.c_str(), &end, 10);
  if (t.empty() || v < lo || v > hi)
    throw ParamError("--" + key + " " + it->second + ": must be an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
  return static_cast<uint32_t>(v);
}

std::string opt_choice(const Options& o, const std::string& key, const std::string& def, std::initializer_list<const char*> allowed) {
  auto it = o.find(key);
  if (it == o.end()) return def;
  for (const char* a : allowed)
    if (it->second == a) return it->second;
  std::string list;
  for (const char* a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
  throw ParamError("--" + key + " " + it->second + ": must be one of " + list);
}

bool opt_flag(const Options& o, const std::string& key) { return o.count(key) != 0; }

void opt_only(const Options& o, const std::string& workload, std::initializer_list<const char*> known) {
  for (const auto& [k, v] : o) {
    if (std::find_if(known.begin(), known.end(), [&](const char* x) { return k == x; }) == known.end())
      throw ParamError("--" + k + " does not apply to --workload " + workload);
  }
}

void require_chip(const cfg::HwConfig& c, const std::string& kernel, uint32_t tile_regs, uint32_t spad_kib) {
  if (c.tile.registers < tile_regs)
    throw ParamError("the " + kernel + " kernel needs " + std::to_string(tile_regs) + " tile registers; this chip has " +
                     std::to_string(c.tile.registers) + " (tile.registers)");
  if (c.scratchpad.size_kib < spad_kib)
    throw ParamError("the " + kernel + " kernel needs " + std::to_string(spad_kib) + " KiB of scratchpad; this chip has " +
                     std::to_string(c.scratchpad.size_kib) + " (scratchpad.size_kib)");
}

std::unique_ptr<Workload> make_workload(const std::string& name, const Options& opt, const cfg::HwConfig& chip) {
  if (name == "gemm") return make_gemm(opt, chip);
  if (name == "gemv") return make_gemv(opt, chip);
  if (name == "bitnet") return make_bitnet(opt, chip);
  if (name == "attention") return make_attention(opt, chip);
  throw ParamError("unknown workload '" + name + "' (known: gemm, gemv, bitnet, attention)");
}

const char* workload_help() {
  return "workloads:\n"
         "  gemm       --m M --n N --k K [--dtype int8|ternary] [--requant [--scale S --shift N]]\n"
         "             C = A x B^T (defaults 256^3)\n"
         "  gemv       --rows R --cols C [--vectors V] [--dtype int8|ternary]\n"
         "             Y = W x X^T for V = 1..16 vectors (defaults 4000 x 12000, V = 1)\n"
         "  bitnet     [--tokens T --in-features I --out-features O] [--layers 1|2 [--hidden H]]\n"
         "             BitNet b1.58 linear layer or two-layer ternary MLP (defaults 64 tokens, 1024->2048->1024)\n"
         "  attention  [--batch B --heads H --seq S --head-dim 64|128] [--causal]\n"
         "             flash-attention forward, int8 Q/K/V/O (defaults 1 x 1, seq 256, dim 64)\n";
}

}  // namespace wl
