#pragma once
// A loaded 32-bit RISC-V ELF executable: its loadable segments, entry point and symbols.
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace elf {

/// The file is missing or unreadable (exit 66).
struct MissingFile : std::runtime_error { using std::runtime_error::runtime_error; };
/// The file is not a usable 32-bit RISC-V executable (exit 65).
struct BadElf : std::runtime_error { using std::runtime_error::runtime_error; };

struct Segment {
  uint32_t vaddr = 0;
  uint32_t memsz = 0;          ///< bytes in memory; bytes past data.size() are zero
  std::vector<uint8_t> data;   ///< file contents
  bool exec = false;
};

struct Symbol {
  uint32_t addr = 0, size = 0;
  bool is_func = false;
  bool is_notype = false;  ///< STT_NOTYPE: assembly labels such as _start
};

struct ElfImage {
  std::string path;
  uint32_t entry = 0;
  std::vector<Segment> segments;
  std::map<std::string, Symbol> symbols;
  /// Executable sections (name, address, bytes) for the disassembler.
  struct Section { std::string name; uint32_t addr; std::vector<uint8_t> bytes; };
  std::vector<Section> code_sections;

  std::optional<Symbol> symbol(const std::string& name) const {
    auto it = symbols.find(name);
    if (it == symbols.end()) return std::nullopt;
    return it->second;
  }
};

/// Reads and checks a 32-bit little-endian RISC-V ET_EXEC ELF with libelf.
ElfImage load_elf(const std::string& path);

}  // namespace elf
