// Every 32-bit word decodes to a row or to illegal; decode -> disassemble never crashes, and a
// legal word re-encodes to a word of the same instruction.
#include <cstdint>
#include <cstring>
#include <stdexcept>

#include "isa/isa.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  for (size_t i = 0; i + 4 <= size; i += 4) {
    uint32_t w;
    std::memcpy(&w, data + i, 4);
    const isa::Decoded d = isa::decode(w);
    (void)isa::disassemble(w, 0x80000000u + static_cast<uint32_t>(i));
    if (d.op != isa::Op::Invalid && isa::decode(isa::encode(d)).op != d.op) throw std::logic_error("decode(encode(decode(w))) changed the op");
  }
  return 0;
}
