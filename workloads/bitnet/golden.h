#pragma once
// The BitNet b1.58 golden reference (workloads/bitnet/golden.cpp), fast and _ref.
#include <cstdint>
#include <vector>

namespace golden {

/// One BitNet b1.58 layer (see workloads/bitnet/kernel.c): x int32 Q8 [t][in], w packed ternary
/// [out][ceil(in/4)], k = round(beta * 2^24 / 127). Returns int32 Q8 [t][out].
std::vector<int32_t> bitnet_linear(const std::vector<int32_t>& x, const std::vector<uint8_t>& w, uint32_t t, uint32_t in,
                                   uint32_t out, int32_t k, bool relu);
std::vector<int32_t> bitnet_linear_ref(const std::vector<int32_t>& x, const std::vector<uint8_t>& w, uint32_t t, uint32_t in,
                                       uint32_t out, int32_t k, bool relu);

}  // namespace golden
