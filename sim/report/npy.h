#pragma once
// Writes arrays in numpy's .npy format (version 1.0), so anyone can load tilesim's inputs and
// outputs with numpy.load.
#include <cstdint>
#include <string>
#include <vector>

namespace report {

/// descr: numpy type string ("|i1", "|u1", "<i4", "<f8"); data: shape product x item bytes.
void write_npy(const std::string& path, const std::string& descr, const std::vector<uint64_t>& shape, const void* data,
               uint64_t bytes);

}  // namespace report
