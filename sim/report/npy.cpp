#include "sim/report/npy.h"

#include <fstream>
#include <stdexcept>

namespace report {

void write_npy(const std::string& path, const std::string& descr, const std::vector<uint64_t>& shape, const void* data,
               uint64_t bytes) {
  std::string shp;  // numpy tuple syntax: (5,) or (3, 4)
  for (size_t i = 0; i < shape.size(); ++i) {
    shp += std::to_string(shape[i]);
    if (shape.size() == 1) shp += ",";
    else if (i + 1 < shape.size()) shp += ", ";
  }
  std::string dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + shp + "), }";
  // Header: magic(6) + version(2) + len(2) + dict padded with spaces to a multiple of 64, ending in '\n'.
  size_t total = 10 + dict.size() + 1;
  const size_t pad = (64 - total % 64) % 64;
  dict.append(pad, ' ');
  dict += '\n';
  std::ofstream out(path, std::ios::binary);
  if (!out) throw std::runtime_error("cannot write " + path);
  const unsigned char head[8] = {0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
  out.write(reinterpret_cast<const char*>(head), 8);
  const uint16_t len = static_cast<uint16_t>(dict.size());
  const unsigned char l[2] = {static_cast<unsigned char>(len & 0xff), static_cast<unsigned char>(len >> 8)};
  out.write(reinterpret_cast<const char*>(l), 2);
  out << dict;
  out.write(static_cast<const char*>(data), static_cast<std::streamsize>(bytes));
  if (!out) throw std::runtime_error("cannot write " + path);
}

}  // namespace report
