// Any bytes as an ELF: loads or throws BadElf; never crashes. (The loader reads a path, so the
// input goes through a file in /dev/shm.)
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <string>

#include "sim/elf/elf_image.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string path = "/dev/shm/tilesim_fuzz_elf_" + std::to_string(::getpid());
  FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return 0;
  std::fwrite(data, 1, size, f);
  std::fclose(f);
  try {
    const elf::ElfImage img = elf::load_elf(path);
    uint64_t total = 0;
    for (const auto& s : img.segments) total += s.data.size();
    (void)total;
  } catch (const elf::BadElf&) {
  } catch (const elf::MissingFile&) {
  }
  return 0;
}
