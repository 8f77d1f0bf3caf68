#include "sim/elf/elf_image.h"

#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>

namespace elf {
namespace {

struct Fd {
  int fd;
  ~Fd() { if (fd >= 0) ::close(fd); }
};
struct ElfHandle {
  Elf* e;
  ~ElfHandle() { if (e) elf_end(e); }
};

[[noreturn]] void bad(const std::string& path, const std::string& why) { throw BadElf(path + ": not a usable RV32 ELF: " + why); }

}  // namespace

ElfImage load_elf(const std::string& path) {
  struct stat st{};
  if (::stat(path.c_str(), &st) != 0) throw MissingFile(path + ": " + std::strerror(errno));
  if (!S_ISREG(st.st_mode)) throw MissingFile(path + ": not a regular file");
  Fd fd{::open(path.c_str(), O_RDONLY)};
  if (fd.fd < 0) throw MissingFile(path + ": " + std::strerror(errno));
  if (elf_version(EV_CURRENT) == EV_NONE) bad(path, "libelf initialisation failed");
  ElfHandle h{elf_begin(fd.fd, ELF_C_READ, nullptr)};
  if (!h.e) bad(path, elf_errmsg(-1));
  if (elf_kind(h.e) != ELF_K_ELF) bad(path, "not an ELF file");
  if (gelf_getclass(h.e) != ELFCLASS32) bad(path, "64-bit ELF (tilesim runs RV32 programs; build with -march=rv32im -mabi=ilp32)");
  GElf_Ehdr eh;
  if (!gelf_getehdr(h.e, &eh)) bad(path, std::string("truncated or corrupt header: ") + elf_errmsg(-1));
  if (eh.e_ident[EI_DATA] != ELFDATA2LSB) bad(path, "big-endian ELF");
  if (eh.e_machine != EM_RISCV) bad(path, "machine is " + std::to_string(eh.e_machine) + ", not RISC-V (243)");
  if (eh.e_type != ET_EXEC) bad(path, "not an executable (ET_EXEC); link it with a link script");

  ElfImage img;
  img.path = path;
  img.entry = static_cast<uint32_t>(eh.e_entry);

  size_t nph = 0;
  if (elf_getphdrnum(h.e, &nph) != 0) bad(path, std::string("program headers: ") + elf_errmsg(-1));
  size_t fsize = 0;
  char* raw = elf_rawfile(h.e, &fsize);
  if (!raw) bad(path, "cannot read file image");
  if (eh.e_phoff + uint64_t(nph) * eh.e_phentsize > fsize) bad(path, "truncated: program headers extend past the end of the file");
  if (eh.e_shoff && eh.e_shoff + uint64_t(eh.e_shnum) * eh.e_shentsize > fsize)
    bad(path, "truncated: section headers extend past the end of the file");
  for (size_t i = 0; i < nph; ++i) {
    GElf_Phdr ph;
    if (!gelf_getphdr(h.e, static_cast<int>(i), &ph)) bad(path, std::string("program header: ") + elf_errmsg(-1));
    if (ph.p_type != PT_LOAD || ph.p_memsz == 0) continue;
    if (ph.p_filesz > ph.p_memsz) bad(path, "segment file size larger than memory size");
    if (ph.p_offset + ph.p_filesz > fsize) bad(path, "truncated: segment " + std::to_string(i) + " extends past the end of the file");
    Segment s;
    s.vaddr = static_cast<uint32_t>(ph.p_vaddr);
    s.memsz = static_cast<uint32_t>(ph.p_memsz);
    s.exec = (ph.p_flags & PF_X) != 0;
    s.data.assign(raw + ph.p_offset, raw + ph.p_offset + ph.p_filesz);
    img.segments.push_back(std::move(s));
  }
  if (img.segments.empty()) bad(path, "no loadable segments");

  size_t shstrndx = 0;
  if (elf_getshdrstrndx(h.e, &shstrndx) != 0) shstrndx = 0;
  for (Elf_Scn* scn = elf_nextscn(h.e, nullptr); scn; scn = elf_nextscn(h.e, scn)) {
    GElf_Shdr sh;
    if (!gelf_getshdr(scn, &sh)) bad(path, std::string("section header: ") + elf_errmsg(-1));
    if (sh.sh_type == SHT_SYMTAB) {
      Elf_Data* data = elf_getdata(scn, nullptr);
      if (!data) bad(path, std::string("symbol table: ") + elf_errmsg(-1));
      const size_t n = sh.sh_entsize ? sh.sh_size / sh.sh_entsize : 0;
      for (size_t i = 0; i < n; ++i) {
        GElf_Sym sym;
        if (!gelf_getsym(data, static_cast<int>(i), &sym)) continue;
        const char* name = elf_strptr(h.e, sh.sh_link, sym.st_name);
        if (!name || !*name || sym.st_shndx == SHN_UNDEF) continue;
        const int type = GELF_ST_TYPE(sym.st_info);
        if (type != STT_FUNC && type != STT_OBJECT && type != STT_NOTYPE) continue;
        Symbol s{static_cast<uint32_t>(sym.st_value), static_cast<uint32_t>(sym.st_size), type == STT_FUNC, type == STT_NOTYPE};
        // Prefer global definitions over local ones of the same name.
        if (!img.symbols.count(name) || GELF_ST_BIND(sym.st_info) == STB_GLOBAL) img.symbols[name] = s;
      }
    } else if (sh.sh_type == SHT_PROGBITS && (sh.sh_flags & SHF_EXECINSTR) && sh.sh_size) {
      if (sh.sh_offset + sh.sh_size > fsize) bad(path, "truncated: a code section extends past the end of the file");
      const char* name = shstrndx ? elf_strptr(h.e, shstrndx, sh.sh_name) : nullptr;
      img.code_sections.push_back({name ? name : "?", static_cast<uint32_t>(sh.sh_addr),
                                   std::vector<uint8_t>(raw + sh.sh_offset, raw + sh.sh_offset + sh.sh_size)});
    }
  }
  return img;
}

}  // namespace elf
