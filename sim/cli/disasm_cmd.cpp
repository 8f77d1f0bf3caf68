// `tilesim disasm PROG`: objdump-like listing of an ELF's code, decoded by the encoding table.
#include <cstdio>
#include <cstring>
#include <map>

#include "isa/isa.h"
#include "sim/cli/commands.h"
#include "sim/elf/elf_image.h"

namespace cli {

int cmd_disasm(const std::vector<std::string>& args) {
  if (args.size() != 1 || args[0].empty() || args[0][0] == '-') throw UsageError("usage: tilesim disasm PROG");
  const elf::ElfImage img = elf::load_elf(args[0]);
  std::multimap<uint32_t, std::string> labels;
  // Labels like objdump's: functions, and assembly labels (no type) that fall in code, except
  // the assembler's own (.L..., $x mapping symbols) and the linker's section markers (__*).
  auto in_code = [&](uint32_t a) {
    for (const auto& sec : img.code_sections)
      if (a >= sec.addr && a - sec.addr < sec.bytes.size()) return true;
    return false;
  };
  for (const auto& [name, sym] : img.symbols)
    if (sym.is_func || (sym.is_notype && in_code(sym.addr) && name.rfind(".L", 0) != 0 && name.rfind("__", 0) != 0 && name[0] != '$'))
      labels.emplace(sym.addr, name);
  for (const auto& sec : img.code_sections) {
    std::printf("\nsection %s:\n", sec.name.c_str());
    for (size_t off = 0; off + 4 <= sec.bytes.size(); off += 4) {
      const uint32_t pc = sec.addr + static_cast<uint32_t>(off);
      auto [lo, hi] = labels.equal_range(pc);
      for (auto it = lo; it != hi; ++it) std::printf("\n%08x <%s>:\n", pc, it->second.c_str());
      uint32_t w;
      std::memcpy(&w, sec.bytes.data() + off, 4);
      std::printf("  %08x:  %08x  %s\n", pc, w, isa::disassemble(w, pc).c_str());
    }
  }
  return 0;
}

}  // namespace cli
