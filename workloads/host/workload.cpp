#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include "workloads/host/options.h"
#include "workloads/host/workload.h"

namespace wl {


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

void require_chip(const cfg::HwConfig& c, const std::string& kernel, uint32_t tile_regs, uint32_t spad_kib) {
  if (c.tile.registers < tile_regs)
    throw ParamError("the " + kernel + " kernel needs " + std::to_string(tile_regs) + " tile registers; this chip has " +
                     std::to_string(c.tile.registers) + " (tile.registers)");
  if (c.scratchpad.size_kib < spad_kib)
    throw ParamError("the " + kernel + " kernel needs " + std::to_string(spad_kib) + " KiB of scratchpad; this chip has " +
                     std::to_string(c.scratchpad.size_kib) + " (scratchpad.size_kib)");
}

namespace {
std::vector<WorkloadKind>& registry() {
  static std::vector<WorkloadKind> r;
  return r;
}
}  // namespace

bool register_workload(WorkloadKind kind) {
  auto& r = registry();
  for (const auto& k : r)
    if (k.name == kind.name || k.id == kind.id)
      throw std::logic_error("workload registry: " + kind.name + " (id " + std::to_string(kind.id) + ") clashes with " + k.name +
                             " (id " + std::to_string(k.id) + ")");
  r.push_back(std::move(kind));
  std::sort(r.begin(), r.end(), [](const WorkloadKind& a, const WorkloadKind& b) { return a.id < b.id; });
  return true;
}

const std::vector<WorkloadKind>& workloads() { return registry(); }

std::unique_ptr<Workload> make_workload(const std::string& name, const Options& opt, const cfg::HwConfig& chip) {
  std::string known;
  for (const auto& k : workloads()) {
    if (k.name != name) {
      known += (known.empty() ? "" : ", ") + k.name;
      continue;
    }
    for (const auto& [key, v] : opt)  // the options the workload registered, nothing else
      if (std::none_of(k.options.begin(), k.options.end(), [&](const WorkloadOption& w) { return w.name == key; }))
        throw ParamError("--" + key + " does not apply to --workload " + name);
    require_chip(chip, k.name, k.min_tile_regs, k.min_spad_kib);
    return k.make(opt, chip);
  }
  throw ParamError("unknown workload '" + name + "' (known: " + known + ")");
}

const char* workload_help() {
  static const std::string text = [] {
    std::string t = "workloads:\n";
    for (const auto& k : workloads()) {
      std::string name = k.name;
      name.resize(std::max<size_t>(name.size(), 10), ' ');
      t += "  " + name + " " + k.usage + "\n             " + k.summary + "\n";
    }
    return t;
  }();
  return text.c_str();
}

}  // namespace wl
