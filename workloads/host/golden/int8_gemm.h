#pragma once
// The golden models' integer GEMM: C[m][n] = sum_k A[m][k] * B[n][k], int8 x int8 -> int32 with
// two's complement wrap-around (the simulator's MMA semantics; exact, so any order of the sum
// gives the same bits). Three kernels of one contract, all tested against the plain loop
// (tests/unit/test_golden.cpp): portable C++, SSE2 (every x86-64) and AVX2, picked at run time
// (TILESIM_KERNELS=ref forces the portable one). Rows are split over the host's cores.
#include <cstdint>
#include <vector>

namespace golden {

enum class GemmKernel { Portable, Sse2, Avx2 };
/// The kernel gemm_i8_into uses on this host (TILESIM_KERNELS=ref: Portable).
GemmKernel best_gemm_kernel();
const char* gemm_kernel_name(GemmKernel k);
bool gemm_kernel_available(GemmKernel k);

/// C (row pitch ldc) = A (m x k, pitch lda) x B (n x k, pitch ldb)^T with the given kernel, on
/// the host's cores (`threads` false: on the calling thread, for callers that split work).
void gemm_i8_into(const int8_t* a, uint64_t lda, const int8_t* b, uint64_t ldb, uint32_t m, uint32_t n, uint32_t k,
                  int32_t* c, uint64_t ldc, GemmKernel kernel = best_gemm_kernel(), bool threads = true);

/// Ternary codes (2 bits each, 4 per byte, rows of ceil(k/4) bytes) as int8 weights -1/0/+1
/// (the invalid code 2 is 0), rows of k bytes.
/// rows x k int4 values packed two per byte (rows of ceil(k/2) bytes, element x in byte x/2, low
/// nibble first), widened to int8.
std::vector<int8_t> unpack_int4(const std::vector<uint8_t>& packed, uint32_t rows, uint32_t k);
std::vector<int8_t> unpack_ternary(const std::vector<uint8_t>& packed, uint32_t rows, uint32_t k);

}  // namespace golden
