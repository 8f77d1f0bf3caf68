#pragma once
// Exact semantics of every Xtile compute instruction on tile registers. Pure functions: no
// timing, no SystemC. `d` may alias `a` or `b` (results are formed in a temporary first).
#include <cstdint>

#include "isa/formats.h"
#include "sim/xtile/kernels.h"
#include "sim/xtile/tile.h"

namespace xtile {

/// THE MMA: d.int32 += A x B^T in number format f (isa/formats.def) with the kernel of set s;
/// returns how many invalid ternary codes (2) were read (they contribute 0; 0 for the other
/// formats). int32 accumulation wraps around (two's complement). The machine
/// (sim/xtile/machine.h) holds the kernels of the process's set; everything else calls it.
using MmaKernel = uint32_t (*)(Tile& d, const Tile& a, const Tile& b);
MmaKernel mma_kernel(isa::Format f, KernelSet s);
/// The reference kernel of format f (the definition the fast kernels are held to).
uint32_t mma_ref(isa::Format f, Tile& d, const Tile& a, const Tile& b);

/// xt.mma.blk's inner loops: c[i * bn + j] += sum over kk of A(i, kk) x B(j, kk)^T, with a[i * bk +
/// kk] and b[j * bk + kk], in format f. The fast set's int8 formats prepare each operand tile
/// once (widened; B transposed) instead of once per MMA; everything else - the reference set,
/// ternary, int4 - runs the format's MMA kernel tile by tile (the reference of the fast path).
/// Returns the invalid ternary codes read.
uint32_t mma_block(isa::Format f, KernelSet s, Tile* c, const Tile* a, const Tile* b, unsigned bm, unsigned bn, unsigned bk);

/// The reference loops: int8 A = a.int8 [m][k], B = b.int8 [n][k], signedness per operand;
/// ternary W = w.ternary [n][k] with A signed; int4 A = a.int4 [m][32], B = b.int4 [n][32].
void mma_i8_ref(Tile& d, const Tile& a, const Tile& b, bool a_signed, bool b_signed);
uint32_t mma_t2_ref(Tile& d, const Tile& a, const Tile& w);
void mma_s4_ref(Tile& d, const Tile& a, const Tile& b);
/// Invalid ternary codes (2) among the 256 of w.
uint32_t count_invalid_codes(const Tile& w);

enum class Ew { Add, Sub, Max, Min, Mul, MulQ, Sra };
/// Elementwise int32: d = a (op) b. MulQ = saturate((a*b + 2^(frac-1)) >> frac);
/// Sra = a >> (b & 31); Add/Sub/Mul wrap around.
void elementwise(Ew op, Tile& d, const Tile& a, const Tile& b, uint32_t frac);
/// The definition of one element of elementwise() (the tests hold the tile loops to it).
int32_t ew_scalar(Ew op, int32_t a, int32_t b, uint32_t frac);
/// Same with a scalar broadcast as every element of b.
void elementwise_x(Ew op, Tile& d, const Tile& a, int32_t scalar, uint32_t frac);

enum class Row { Max, AbsMax, Sum };
/// Accumulating row reductions, broadcast across the row:
/// Max: d[r][c] = max(d[r][c], max_j a[r][j]); AbsMax: with |a| (|INT32_MIN| saturates);
/// Sum: d[r][c] += sum_j a[r][j] (wraps).
void row_reduce(Row op, Tile& d, const Tile& a);

/// 2^x for fixed-point x with `frac` fraction bits (0..24), result in the same format.
/// Defined for x <= 0 (x > 0 gives 2^0 = 1.0). 256-entry table + linear interpolation;
/// error <= 0.6 ULP for frac <= 16 (tested exhaustively).
int32_t exp2_fixed(int32_t x, uint32_t frac);
void exp2_tile(Tile& d, const Tile& a, uint32_t frac);

/// Correctly rounded 2^(2*frac) / x (round half away from zero), saturated to int32;
/// x == 0 gives INT32_MAX.
int32_t rcp_fixed(int32_t x, uint32_t frac);
void rcp_tile(Tile& d, const Tile& a, uint32_t frac);

/// Requantize: y = saturate(round(x * scale / 2^shift)) to int8 (or uint8 when `to_unsigned`);
/// round: 0 half away from zero, 1 half to even, 2 floor. Result in d's int8 view; the other
/// 768 bytes of d become 0. Per-row form takes row r's scale from b.int32[r][0].
int32_t requant(int32_t x, int32_t scale, uint32_t shift, uint32_t round, bool to_unsigned);
void quant(Tile& d, const Tile& a, int32_t scale, uint32_t shift, uint32_t round, bool to_unsigned);
void quant_rows(Tile& d, const Tile& a, const Tile& scales, uint32_t shift, uint32_t round, bool to_unsigned);

/// Widen the int8 (or uint8) view to int32.
void widen(Tile& d, const Tile& a, bool is_signed);
void fill(Tile& d, int32_t v);
void transpose32(Tile& d, const Tile& a);
/// Causal mask: d[r][c] = c > r + offset ? kNegInf : a[r][c].
void causal_mask(Tile& d, const Tile& a, int32_t offset);

}  // namespace xtile
