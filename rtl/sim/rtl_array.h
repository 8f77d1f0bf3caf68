#pragma once
// A Verilated tile_mac (rtl/tile_mac.sv) behind a plain C++ interface: one call per clock.
// Variants (array geometry, pipeline depth, ternary factor) are built at configure time from
// RTL_VARIANTS in rtl/CMakeLists.txt; make_rtl_array() picks the one matching a config.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sim/cfg/hw_config.h"

namespace rtl {

struct Geometry {
  uint32_t rows, cols, depth, tf;
  std::string name() const;
  bool operator==(const Geometry& o) const { return rows == o.rows && cols == o.cols && depth == o.depth && tf == o.tf; }
};

class RtlArray {
 public:
  virtual ~RtlArray() = default;
  virtual Geometry geometry() const = 0;
  virtual void reset() = 0;
  /// Can an MMA start this cycle?
  virtual bool ready() = 0;
  /// Inputs of this cycle (mode: a format's rtl_mode, isa/formats.def); a/b: 256 bytes, c: 256 int32.
  virtual void drive(bool start, unsigned mode, const uint8_t* a, const uint8_t* b, const int32_t* c) = 0;
  /// Result of this cycle, if any (call after drive()).
  virtual bool out_valid() = 0;
  virtual void out_c(int32_t* c) = 0;
  /// The clock edge ending this cycle.
  virtual void tick() = 0;
  virtual uint64_t cycle() const = 0;
  /// Start writing a VCD waveform (Verilator tracing).
  virtual void trace(const std::string& path) = 0;
  /// The whole model state (Verilator --savable), to speculate ahead and come back.
  virtual void save(std::vector<uint8_t>& out) = 0;
  virtual void restore(const std::vector<uint8_t>& in) = 0;
};

/// The RTL variants this build has.
std::vector<Geometry> variants();
/// The geometry a MAC config asks for (its ternary rate is the variant's TF).
Geometry geometry_of(const cfg::MacConfig& m);
/// Whether a variant of that geometry was built.
bool has_variant(const cfg::MacConfig& m);
/// The variant for this MAC config, or nullptr.
std::unique_ptr<RtlArray> make_rtl_array(const cfg::MacConfig& m);
/// Text listing the built variants, for error messages.
std::string variants_text();

}  // namespace rtl
