#pragma once
// TS_HD: functions shared by the CUDA kernels and host code (g++ in the tests, the harness's
// checks): __host__ __device__ under nvcc, plain inline elsewhere.
#if defined(__CUDACC__)
#define TS_HD __host__ __device__ __forceinline__
#else
#define TS_HD inline
#endif
