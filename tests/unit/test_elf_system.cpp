// ELF loading and the SystemC system: quantum invariance, watchdog, memory-map checks.
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <iterator>

#include "sim/cfg/config_io.h"
#include "sim/elf/elf_image.h"
#include "sim/system/dram.h"
#include "sim/system/system.h"

using Catch::Contains;

namespace {
const std::string kSieve = TILESIM_BINARY_DIR "/workloads/sieve.elf";

std::vector<char> file_bytes(const std::string& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}
std::string write_temp(const std::string& name, const std::vector<char>& bytes) {
  const std::string p = TILESIM_BINARY_DIR "/tests/" + name;
  std::ofstream(p, std::ios::binary).write(bytes.data(), std::streamsize(bytes.size()));
  return p;
}
template <class E>
std::string load_error(const std::string& path) {
  try {
    elf::load_elf(path);
  } catch (const E& e) {
    return e.what();
  }
  return "no error";
}
struct Run {
  sys::RunResult r;
  std::string out;
};
Run run_elf(const std::string& path, const std::vector<std::string>& sets = {}) {
  Run run;
  sys::System s(cfg::load_config("", sets), [&](int, const char* p, size_t n) { run.out.append(p, n); });
  s.load(elf::load_elf(path));
  run.r = s.run();
  return run;
}
}  // namespace

TEST_CASE("a linked RV32 ELF loads with entry, segments and symbols", "[elf]") {
  const elf::ElfImage img = elf::load_elf(kSieve);
  CHECK(img.entry == 0x80000000u);
  REQUIRE(img.segments.size() == 2);
  CHECK(img.segments[0].exec);
  CHECK_FALSE(img.segments[1].exec);
  CHECK(img.segments[1].memsz > img.segments[1].data.size());  // .bss is zero-filled, not stored
  REQUIRE(img.symbol("main"));
  CHECK(img.symbol("main")->is_func);
  CHECK(img.symbol("_start")->addr == 0x80000000u);
}

TEST_CASE("missing, non-ELF, 64-bit, foreign and truncated files are rejected clearly", "[elf]") {
  CHECK_THAT(load_error<elf::MissingFile>("/nonexistent/prog.elf"), Contains("No such file"));
  CHECK_THAT(load_error<elf::MissingFile>("/tmp"), Contains("not a regular file"));
  const auto text = write_temp("text.elf", {'h', 'e', 'l', 'l', 'o', '\n'});
  CHECK_THAT(load_error<elf::BadElf>(text), Contains("not an ELF file"));
  CHECK_THAT(load_error<elf::BadElf>("/bin/sh"), Contains("64-bit ELF"));
  auto bytes = file_bytes(kSieve);
  auto foreign = bytes;
  foreign[18] = 3;  // e_machine = EM_386
  foreign[19] = 0;
  CHECK_THAT(load_error<elf::BadElf>(write_temp("foreign.elf", foreign)), Contains("machine is 3, not RISC-V"));
  auto truncated = bytes;
  truncated.resize(bytes.size() / 3);  // headers intact, segment data cut off
  CHECK_THAT(load_error<elf::BadElf>(write_temp("truncated.elf", truncated)), Contains("truncated"));
  auto tiny = bytes;
  tiny.resize(30);
  CHECK_THAT(load_error<elf::BadElf>(write_temp("tiny.elf", tiny)), Contains("not a usable RV32 ELF"));
}

TEST_CASE("the temporal-decoupling quantum never changes results or cycle counts", "[system]") {
  const Run ref = run_elf(kSieve, {"sim.quantum_cycles=10000"});
  REQUIRE(ref.r.outcome == sys::Outcome::Exit);
  CHECK(ref.r.exit_code == 0);
  CHECK(ref.out == "primes <= 200000: 17984, largest 199999, checksum 0x0356588f\n");
  for (const char* q : {"1", "7", "997", "1000000000"}) {
    INFO("quantum " << q);
    const Run other = run_elf(kSieve, {std::string("sim.quantum_cycles=") + q});
    CHECK(other.out == ref.out);
    CHECK(other.r.cycles == ref.r.cycles);
    CHECK(other.r.instret == ref.r.instret);
    CHECK(other.r.sim_seconds == ref.r.sim_seconds);
  }
  CHECK(run_elf(kSieve, {"sim.quantum_cycles=1000"}).r.syncs > run_elf(kSieve, {"sim.quantum_cycles=100000"}).r.syncs);
}

TEST_CASE("the watchdog stops a run at max_cycles", "[system]") {
  const Run r = run_elf(kSieve, {"sim.max_cycles=5000"});
  CHECK(r.r.outcome == sys::Outcome::Watchdog);
  CHECK(r.r.cycles >= 5000);
  CHECK(r.r.cycles < 5100);
  CHECK_THAT(r.r.message, Contains("watchdog: no exit after"));
  CHECK(sys::exit_status(r.r) == sys::kExitWatchdog);
}

TEST_CASE("an ELF that does not fit the configured DRAM is refused before running", "[system]") {
  sys::System s(cfg::load_config("", {"memory.dram_base=0x90000000"}), [](int, const char*, size_t) {});
  CHECK_THROWS_WITH(s.load(elf::load_elf(kSieve)), Contains("lies outside DRAM 0x90000000..0x9fffffff"));
}

TEST_CASE("guest exit codes map to process exit statuses", "[system]") {
  sys::RunResult r;
  r.exit_code = 3;
  CHECK(sys::exit_status(r) == 3);
  r.exit_code = 256;  // truncates to 0 in 8 bits: still a failure
  CHECK(sys::exit_status(r) == 1);
  r.exit_code = -1;
  CHECK(sys::exit_status(r) == 255);
  r.exit_code = 0;
  CHECK(sys::exit_status(r) == 0);
  r.outcome = sys::Outcome::Fault;
  CHECK(sys::exit_status(r) == sys::kExitGuestFault);
}
