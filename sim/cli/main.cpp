// tilesim: thin command-line front end over the simulator libraries.
#include <systemc>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "isa/isa.h"
#include "sim/xtile/kernels.h"
#include "sim/cfg/config_error.h"
#include "sim/cli/commands.h"
#include "sim/elf/elf_image.h"
#include "sim/system/system.h"

namespace {

const char* kUsage =
    "usage: tilesim <command> [options]\n"
    "\n"
    "commands:\n"
    "  run         run a RISC-V ELF on the simulated chip (tilesim run --help)\n"
    "  disasm      disassemble the code sections of an ELF\n"
    "  config      print the effective configuration (defaults + file + --set)\n"
    "  config-doc  print the configuration reference (docs/config.md)\n"
    "  isa         print the encoding table (docs/isa-table.md)\n"
    "  verify-rtl  co-simulate the SystemVerilog MAC array against the golden model\n"
    "  compare     simulated runs beside GPU runs and published GPU results (docs/gpu.md)\n"
    "  sweep       run a design-space sweep from a spec, locally or via GNU parallel / Slurm (docs/sweep.md)\n"
    "\n"
    "options:\n"
    "  --help      this text\n"
    "  --version   print the version\n"
    "\n"
    "exit codes: the guest's own exit code; 64 usage, 65 bad input file, 66 missing file,\n"
    "70 internal error, 73 cannot create an output file, 78 bad config, 96 guest fault,\n"
    "97 watchdog, 98 workload result mismatch, 79 sweep: a point failed, 130 interrupted (Ctrl-C)\n"
    "(the table: README.md, Exit codes)\n";

}  // namespace

int sc_main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  try {
    if (args.empty()) {
      std::cerr << kUsage;
      return sys::kExitUsage;
    }
    (void)xtile::kernel_set();  // a bad TILESIM_KERNELS is refused before any work
    const std::string cmd = args[0];
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    if (cmd == "--help" || cmd == "-h" || cmd == "help") {
      std::cout << kUsage;
      return 0;
    }
    if (cmd == "--version") {
      std::cout << "tilesim " << cli::kVersion << " (SystemC " << sc_core::sc_release() << ")\n";
      return 0;
    }
    if (cmd == "run") return cli::cmd_run(rest);
    if (cmd == "disasm") return cli::cmd_disasm(rest);
    if (cmd == "config") return cli::cmd_config(rest);
    if (cmd == "config-doc") return cli::cmd_config_doc(rest);
    if (cmd == "verify-rtl") return cli::cmd_verify_rtl(rest);
    if (cmd == "compare") return cli::cmd_compare(rest);
    if (cmd == "sweep") return cli::cmd_sweep(rest);
    if (cmd == "isa") {
      if (!rest.empty()) throw cli::UsageError("isa takes no arguments");
      std::cout << isa::table_markdown();
      return 0;
    }
    throw cli::UsageError("unknown command '" + cmd + "'");
  } catch (const cli::UsageError& e) {
    std::cerr << "tilesim: " << e.what() << "\n\n" << (e.usage.empty() ? kUsage : e.usage);
    return sys::kExitUsage;
  } catch (const cli::CantCreate& e) {
    std::cerr << "tilesim: " << e.what() << "\n";
    return sys::kExitCantCreate;
  } catch (const cfg::MissingConfigFile& e) {
    std::cerr << "tilesim: " << e.what() << "\n";
    return sys::kExitMissingFile;
  } catch (const cfg::ConfigError& e) {
    std::cerr << "tilesim: config error: " << e.what() << "\n";
    return sys::kExitConfig;
  } catch (const xtile::KernelSetError& e) {
    std::cerr << "tilesim: config error: " << e.what() << "\n";
    return sys::kExitConfig;
  } catch (const elf::MissingFile& e) {
    std::cerr << "tilesim: " << e.what() << "\n";
    return sys::kExitMissingFile;
  } catch (const elf::BadElf& e) {
    std::cerr << "tilesim: " << e.what() << "\n";
    return sys::kExitBadInput;
  } catch (const sys::LoadError& e) {
    std::cerr << "tilesim: " << e.what() << "\n";
    return sys::kExitBadInput;
  } catch (const std::exception& e) {
    std::cerr << "tilesim: internal error: " << e.what() << "\n";
    return sys::kExitInternal;
  }
}

int main(int argc, char** argv) {
  // SystemC prints a banner to stdout unless told not to; guest stdout must stay clean.
  setenv("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE", "1", 1);
  return sc_core::sc_elab_and_sim(argc, argv);
}
