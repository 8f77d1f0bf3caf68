#pragma once
// The flash-attention golden references (workloads/attention/golden.cpp), fast and _ref.
#include <cstdint>
#include <vector>

namespace golden {

struct AttentionShape {
  uint32_t batch, heads, seq, dim;
  bool causal;
};
/// Flash-attention forward exactly as workloads/attention/kernel.c computes it (int8 out).
std::vector<int8_t> attention_fixed(const AttentionShape& s, const std::vector<int8_t>& q, const std::vector<int8_t>& k,
                                    const std::vector<int8_t>& v, int32_t c, int32_t out_mul, uint32_t out_shift);
std::vector<int8_t> attention_fixed_ref(const AttentionShape& s, const std::vector<int8_t>& q, const std::vector<int8_t>& k,
                                        const std::vector<int8_t>& v, int32_t c, int32_t out_mul, uint32_t out_shift);
/// softmax(Q K^T * qk_scale) V in float64 on the same int8 inputs (V in its integer units).
std::vector<double> attention_float(const AttentionShape& s, const std::vector<int8_t>& q, const std::vector<int8_t>& k,
                                    const std::vector<int8_t>& v, double qk_scale);
std::vector<double> attention_float_ref(const AttentionShape& s, const std::vector<int8_t>& q, const std::vector<int8_t>& k,
                                        const std::vector<int8_t>& v, double qk_scale);
/// Both models at once (the Q K^T products computed once): what the attention driver's check uses.
void attention_both(const AttentionShape& s, const std::vector<int8_t>& q, const std::vector<int8_t>& k, const std::vector<int8_t>& v,
                    int32_t c, int32_t out_mul, uint32_t out_shift, double qk_scale, std::vector<int8_t>& fixed,
                    std::vector<double>& flt);

}  // namespace golden
