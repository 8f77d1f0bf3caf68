// The table of built RTL variants (rtl_variants.inc is generated from RTL_VARIANTS).
#include <sstream>

#include "rtl/sim/rtl_array.h"

namespace rtl {

#define RTL_VARIANT(rows, cols, depth, tf, name) std::unique_ptr<RtlArray> make_##name();
#include "rtl_variants.inc"
#undef RTL_VARIANT

std::string Geometry::name() const {
  std::ostringstream o;
  o << rows << "x" << cols << " pipeline_depth " << depth << " ternary_factor " << tf;
  return o.str();
}

std::vector<Geometry> variants() {
  return {
#define RTL_VARIANT(rows, cols, depth, tf, name) Geometry{rows, cols, depth, tf},
#include "rtl_variants.inc"
#undef RTL_VARIANT
  };
}

Geometry geometry_of(const cfg::MacConfig& m) { return {m.rows, m.cols, m.pipeline_depth, m.rate(isa::Format::Ternary)}; }

bool has_variant(const cfg::MacConfig& m) {
  const Geometry want = geometry_of(m);
  for (const auto& g : variants())
    if (g == want) return true;
  return false;
}

std::unique_ptr<RtlArray> make_rtl_array(const cfg::MacConfig& m) {
  const Geometry want = geometry_of(m);
#define RTL_VARIANT(rows, cols, depth, tf, name) \
  if (want == Geometry{rows, cols, depth, tf}) return make_##name();
#include "rtl_variants.inc"
#undef RTL_VARIANT
  return nullptr;
}

std::string variants_text() {
  std::string s;
  for (const auto& g : variants()) s += (s.empty() ? "" : "; ") + g.name();
  return s;
}

}  // namespace rtl
