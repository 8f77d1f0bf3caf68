#pragma once
// Host drivers of the workloads: make seeded inputs, place them in simulated DRAM, pass sizes and
// addresses to the kernel through its `tilesim_args` block, read outputs back and check them
// against the golden references.
#include <cstdint>
#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/cfg/hw_config.h"

namespace wl {

/// Bad workload parameters: reported before simulation starts (exit 64).
struct ParamError : std::runtime_error { using std::runtime_error::runtime_error; };

/// Workload options from the command line, by name (`m`, `n`, `dtype`, ...).
using Options = std::map<std::string, std::string>;

/// Simulated DRAM as the driver sees it.
struct Memory {
  uint8_t* data;
  uint32_t base;
  uint64_t size;
  uint64_t next;  ///< bump allocator: first free address (64-bit: DRAM may end at 2^32)
  uint32_t alloc(uint64_t bytes, const std::string& what);  ///< 4 KiB aligned, zero-filled; throws ParamError if full
  uint8_t* at(uint32_t addr) { return data + (addr - base); }
};

/// A named tensor in DRAM (for --dump).
struct Tensor {
  std::string name;
  uint32_t addr;
  std::string dtype;  ///< numpy descr: "|i1", "|u1", "<i4"
  std::vector<uint64_t> shape;
  uint64_t bytes() const;
};

/// The argument block a driver passes to its kernel: the workload id and the words of its
/// wl_*_args struct (the same C struct the kernel reads).
struct ArgBlock {
  uint32_t workload = 0;
  std::vector<uint32_t> words;
};
template <class T>
ArgBlock arg_block(uint32_t workload, const T& args) {
  static_assert(sizeof(T) % 4 == 0 && sizeof(T) <= 62 * 4, "an argument struct is at most 62 words");
  ArgBlock b{workload, std::vector<uint32_t>(sizeof(T) / 4)};
  std::memcpy(b.words.data(), &args, sizeof(T));
  return b;
}

/// What the report needs to know about the work itself.
struct WorkMetrics {
  std::string description;       ///< e.g. "gemm int8 512x512x512"
  /// The case as tilesim-gpu and `tilesim compare` name it: WORKLOAD:DTYPE:SHAPE[:flags] (docs/gpu.md).
  std::string key;
  double useful_macs = 0;        ///< MACs the math needs (M*N*K), not counting tile padding
  double min_dram_bytes = 0;     ///< compulsory traffic: each input read once, outputs written once
  double peak_macs_per_cycle = 0;  ///< for this dtype on this chip
  /// Fraction of the MAC array this problem's shape can use (GEMV: one tile column per vector);
  /// the roofline's compute roof is peak x usable_fraction.
  double usable_fraction = 1.0;
  /// Tile MMAs the kernel will issue (for the progress line's ETA; 0 = unknown).
  double expected_mmas = 0;
  /// Workload-specific report lines (key, label, value, unit), e.g. attention's error vs float.
  struct Extra {
    std::string key, label;
    double value;
    std::string unit;
  };
  std::vector<Extra> extra;
};

class Workload {
 public:
  virtual ~Workload() = default;
  virtual std::string kernel() const = 0;  ///< ELF name under build/workloads/
  /// Allocates and fills the inputs, returns the argument words for the kernel.
  /// Inputs come from wl::fill_* (inputs.h) keyed by `seed`: the same seed gives the same tensors.
  /// Returns the kernel's argument block (its wl_*_args struct, workloads/NAME/args.h).
  virtual ArgBlock prepare(Memory& mem, uint64_t seed) = 0;
  /// Compares outputs with the golden reference; "" = pass, otherwise what differs.
  virtual std::string check(Memory& mem) = 0;
  virtual WorkMetrics metrics() const = 0;
  /// The DRAM buffers prepare() will allocate, in order (name, bytes): known from the options
  /// alone, so a problem that does not fit is refused before any input is generated.
  virtual std::vector<std::pair<std::string, uint64_t>> buffers() const = 0;
  virtual std::vector<Tensor> tensors() const = 0;
};


/// Compares an int32 matrix in simulated memory (row-major, `cols` wide) with the expected values;
/// "" when equal, otherwise how many differ and the first, e.g. "Y[3][4] = 7, expected 9".
std::string compare_i32(const uint8_t* got, const std::vector<int32_t>& want, uint32_t cols, const std::string& name);

/// One option of a workload (`--name VALUE`, or `--name` for a flag).
struct WorkloadOption {
  std::string name, help;
  bool flag = false;
};

/// A workload in the registry: each workload's folder registers itself from its driver
/// (WL_REGISTER below); nothing else lists the workloads.
struct WorkloadKind {
  std::string name;      ///< --workload NAME
  uint32_t id = 0;       ///< its id in the argument block (args.h), unique
  uint32_t min_tile_regs = 0, min_spad_kib = 0;  ///< what its kernel needs of the chip (args.h)
  std::string usage;     ///< options line for --help, e.g. "--m M --n N --k K [--dtype int8|ternary|int4]"
  std::string summary;   ///< what it computes, for --help
  std::vector<WorkloadOption> options;
  std::function<std::unique_ptr<Workload>(const Options&, const cfg::HwConfig&)> make;
};
/// Adds a kind (a duplicate name or id is a logic_error at start-up); returns true.
bool register_workload(WorkloadKind kind);
/// The registered workloads, sorted by id.
const std::vector<WorkloadKind>& workloads();
#define WL_REGISTER(kind) static const bool wl_registered_ = ::wl::register_workload(kind)

/// Builds the named workload with its options, validating them and what its kernel needs of the
/// chip (ParamError).
std::unique_ptr<Workload> make_workload(const std::string& name, const Options& opt, const cfg::HwConfig& chip);

/// int8 MACs per cycle of the chip's MAC engines.
/// int8 MACs per cycle of the whole chip (every core's engines).
inline double peak_int8_macs(const cfg::HwConfig& c) {
  return double(c.tile.mac.rows) * c.tile.mac.cols * c.tile.mac.engines * c.chip.cores;
}

/// Throws ParamError unless the chip has what `kernel` needs.
void require_chip(const cfg::HwConfig& c, const std::string& kernel, uint32_t tile_regs, uint32_t spad_kib);

/// Largest size of any workload dimension (rows, columns, tokens, features): sizes are 32-bit in
/// the DMA descriptors and kernels; what also fits in DRAM is checked by require_fit.
constexpr uint32_t kMaxDim = 1u << 24;

/// Throws ParamError (as Memory::alloc would) unless `buffers` fit in `mem` from mem.next on.
void require_fit(const Memory& mem, const std::vector<std::pair<std::string, uint64_t>>& buffers);

/// Workload names and their options, for --help.
const char* workload_help();

}  // namespace wl
