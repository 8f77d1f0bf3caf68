#include "sim/cfg/config_io.h"

#include <sys/stat.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cerrno>
#include <cctype>
#include <cinttypes>
#include <cmath>
#include <cstring>
#include <map>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>

namespace cfg {
namespace {

std::string join(const std::string& prefix, const std::string& key) {
  return prefix.empty() ? key : prefix + "." + key;
}

/// Levenshtein distance, for "did you mean" on unknown keys.
size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1])});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

/// Parse an unsigned integer: decimal or 0x-hex, '_' allowed between digits.
bool parse_u64(std::string s, uint64_t& out) {
  s.erase(std::remove(s.begin(), s.end(), '_'), s.end());
  if (s.empty() || !std::isdigit(static_cast<unsigned char>(s[0]))) return false;  // no sign, no spaces
  int base = 10;
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) base = 16;
  errno = 0;
  char* end = nullptr;
  const unsigned long long v = std::strtoull(s.c_str(), &end, base);
  if (errno != 0 || end == s.c_str() || *end != '\0') return false;
  out = v;
  return true;
}

std::string range_text(uint64_t lo, uint64_t hi) {
  std::ostringstream o;
  o << lo << " .. ";
  if (hi == UINT64_MAX) o << "2^64-1"; else if (hi >= 0x10000 && (hi & 0xfff) == 0) o << "0x" << std::hex << hi; else o << hi;
  return o.str();
}

std::string real_text(double v) {
  std::ostringstream o;
  o << v;
  return o.str();
}

/// Sets one field from a scalar string; throws ConfigError with `where: path: message`.
struct ScalarParser {
  std::string where;  // "file:line" or "--set"
  std::string path;
  [[noreturn]] void fail(const std::string& msg) const {
    throw ConfigError(where + ": " + path + ": " + msg);
  }
  template <class T>
  void num(const std::string& text, T& field, uint64_t lo, uint64_t hi) const {
    uint64_t v = 0;
    if (!parse_u64(text, v)) {
      if (text.find('-') != std::string::npos) fail("must be >= " + std::to_string(lo) + ", got '" + text + "'");
      fail("expected a non-negative integer, got '" + text + "'");
    }
    if (v < lo || v > hi) fail("value " + text + " out of range [" + range_text(lo, hi) + "]");
    field = static_cast<T>(v);
  }
  void real(const std::string& text, double& field, double lo, double hi) const {
    errno = 0;
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (text.empty() || end == text.c_str() || *end != '\0' || errno != 0 || !std::isfinite(v))
      fail("expected a number, got '" + text + "'");
    if (v < lo || v > hi) fail("value " + text + " out of range [" + real_text(lo) + " .. " + real_text(hi) + "]");
    field = v;
  }
  void choice(const std::string& text, std::string& field, const std::vector<std::string>& allowed) const {
    if (std::find(allowed.begin(), allowed.end(), text) == allowed.end()) {
      std::string list;
      for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
      fail("'" + text + "' is not one of: " + list);
    }
    field = text;
  }
  void flag(const std::string& text, bool& field) const {
    if (text == "true" || text == "yes" || text == "on" || text == "1") field = true;
    else if (text == "false" || text == "no" || text == "off" || text == "0") field = false;
    else fail("expected true or false, got '" + text + "'");
  }
};

std::string where_of(const std::string& origin, const YAML::Node& n) {
  return origin + ":" + std::to_string(n.Mark().line + 1);
}

/// Where each key's value came from ("file:line" or "--set"), for errors found after reading
/// (cross-field validation).
using Origins = std::map<std::string, std::string>;

/// Reads a YAML mapping into a config struct, rejecting unknown keys and wrong types.
struct YamlReader {
  const YAML::Node& node;
  std::string origin, prefix;
  std::set<std::string> known;
  Origins* where;

  /// The value under `key`, or nullptr. (yaml-cpp: never assign a missing-key node.)
  std::unique_ptr<YAML::Node> find(const std::string& key) {
    known.insert(key);
    YAML::Node n = node[key];
    if (!n.IsDefined()) return nullptr;
    if (where) (*where)[join(prefix, key)] = where_of(origin, n);
    return std::make_unique<YAML::Node>(n);
  }
  ScalarParser scalar(const YAML::Node& n, const std::string& key, const char* expect) {
    ScalarParser p{where_of(origin, n), join(prefix, key)};
    if (!n.IsScalar()) p.fail(std::string("expected ") + expect + ", got a " + (n.IsMap() ? "mapping" : n.IsSequence() ? "sequence" : "null value"));
    return p;
  }
  template <class T>
  void num(const char* key, T& field, uint64_t lo, uint64_t hi, const char*, const char*) {
    if (auto n = find(key)) scalar(*n, key, "a number").num(n->Scalar(), field, lo, hi);
  }
  void real(const char* key, double& field, double lo, double hi, const char*, const char*) {
    if (auto n = find(key)) scalar(*n, key, "a number").real(n->Scalar(), field, lo, hi);
  }
  void choice(const char* key, std::string& field, const std::vector<std::string>& allowed, const char*) {
    if (auto n = find(key)) scalar(*n, key, "a string").choice(n->Scalar(), field, allowed);
  }
  void text(const char* key, std::string& field, const char*) {
    if (auto n = find(key)) {
      scalar(*n, key, "a string");
      field = n->Scalar();
    }
  }
  void flag(const char* key, bool& field, const char*) {
    if (auto n = find(key)) scalar(*n, key, "true or false").flag(n->Scalar(), field);
  }
  template <class S>
  void group(const char* key, S& sub, const char*) {
    if (auto n = find(key)) read_struct(*n, origin, join(prefix, key), sub, where);
  }

  template <class S>
  static void read_struct(const YAML::Node& n, const std::string& origin, const std::string& prefix, S& s, Origins* where) {
    if (n.IsNull()) return;
    if (!n.IsMap())
      throw ConfigError(where_of(origin, n) + ": " + (prefix.empty() ? "<top>" : prefix) + ": expected a mapping of keys");
    std::map<std::string, int> seen;  // yaml-cpp keeps the first of duplicate keys silently
    for (const auto& kv : n) {
      const std::string k = kv.first.Scalar();
      const int line = kv.first.Mark().line + 1;
      if (auto [it, fresh] = seen.emplace(k, line); !fresh)
        throw ConfigError(where_of(origin, kv.first) + ": " + join(prefix, k) + ": duplicate key (first at line " +
                          std::to_string(it->second) + ")");
    }
    YamlReader r{n, origin, prefix, {}, where};
    s.visit(r);
    for (const auto& kv : n) {
      const std::string k = kv.first.Scalar();
      if (r.known.count(k)) continue;
      std::string best;
      size_t best_d = 3;
      for (const auto& cand : r.known)
        if (size_t d = edit_distance(k, cand); d < best_d) best_d = d, best = cand;
      std::string list;
      for (const auto& cand : r.known) list += (list.empty() ? "" : ", ") + cand;
      throw ConfigError(where_of(origin, kv.first) + ": " + join(prefix, k) + ": unknown key" +
                        (best.empty() ? "" : " (did you mean '" + best + "'?)") + "; known here: " + list);
    }
  }
};

/// Every key path of the schema (a.b.c).
struct PathLister {
  std::string prefix;
  std::vector<std::string>& out;
  template <class T>
  void num(const char* key, T&, uint64_t, uint64_t, const char*, const char*) { out.push_back(join(prefix, key)); }
  void real(const char* key, double&, double, double, const char*, const char*) { out.push_back(join(prefix, key)); }
  void choice(const char* key, std::string&, const std::vector<std::string>&, const char*) { out.push_back(join(prefix, key)); }
  void text(const char* key, std::string&, const char*) { out.push_back(join(prefix, key)); }
  void flag(const char* key, bool&, const char*) { out.push_back(join(prefix, key)); }
  template <class S>
  void group(const char* key, S& sub, const char*) {
    PathLister inner{join(prefix, key), out};
    sub.visit(inner);
  }
};

/// " (did you mean 'x.y.z'?)" for the schema path nearest to `path` across all groups (a key of
/// the same name elsewhere wins: tile.ternary_factor -> tile.mac.ternary_factor), or "".
std::string suggest_key(const std::string& path) {
  std::vector<std::string> all;
  HwConfig c;
  PathLister l{"", all};
  c.visit(l);
  const std::string leaf = path.substr(path.rfind('.') == std::string::npos ? 0 : path.rfind('.') + 1);
  std::string best;
  size_t best_d = std::max<size_t>(3, path.size() / 3);
  for (const auto& cand : all) {
    const std::string cl = cand.substr(cand.rfind('.') == std::string::npos ? 0 : cand.rfind('.') + 1);
    const size_t d = cl == leaf ? 0 : edit_distance(path, cand);
    if (d < best_d) best_d = d, best = cand;
  }
  return best.empty() ? "" : " (did you mean '" + best + "'?)";
}

/// Applies one `a.b.c=value` override.
struct OverrideSetter {
  std::vector<std::string> parts;
  size_t depth;
  std::string value, full;
  bool done = false;
  std::set<std::string> known;

  bool mine(const char* key) {
    known.insert(key);
    return !done && parts[depth] == key;
  }
  ScalarParser leaf(const char* key) {
    ScalarParser p{"--set", full};
    if (depth + 1 != parts.size()) p.fail(std::string("'") + key + "' is a value, not a group");
    done = true;
    return p;
  }
  template <class T>
  void num(const char* key, T& field, uint64_t lo, uint64_t hi, const char*, const char*) {
    if (mine(key)) leaf(key).num(value, field, lo, hi);
  }
  void real(const char* key, double& field, double lo, double hi, const char*, const char*) {
    if (mine(key)) leaf(key).real(value, field, lo, hi);
  }
  void choice(const char* key, std::string& field, const std::vector<std::string>& allowed, const char*) {
    if (mine(key)) leaf(key).choice(value, field, allowed);
  }
  void text(const char* key, std::string& field, const char*) {
    if (mine(key)) { leaf(key); field = value; }
  }
  void flag(const char* key, bool& field, const char*) {
    if (mine(key)) leaf(key).flag(value, field);
  }
  template <class S>
  void group(const char* key, S& sub, const char*) {
    if (!mine(key)) return;
    if (depth + 1 == parts.size()) throw ConfigError("--set: " + full + ": '" + key + "' is a group; name one of its keys");
    OverrideSetter inner{parts, depth + 1, value, full, false, {}};
    sub.visit(inner);
    inner.finish();
    done = true;
  }
  void finish() {
    if (done) return;
    std::string list;
    for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
    throw ConfigError("--set: " + full + ": unknown key '" + parts[depth] + "'" + suggest_key(full) + "; known here: " + list);
  }
};

void apply_override(HwConfig& c, const std::string& kv, Origins* where) {
  const auto eq = kv.find('=');
  if (eq == std::string::npos || eq == 0)
    throw ConfigError("--set: '" + kv + "': expected key.path=value");
  const std::string key = kv.substr(0, eq);
  std::vector<std::string> parts;
  std::stringstream ss(key);
  for (std::string p; std::getline(ss, p, '.');) parts.push_back(p);
  OverrideSetter s{parts, 0, kv.substr(eq + 1), key, false, {}};
  c.visit(s);
  s.finish();
  if (where) (*where)[key] = "--set";
}

/// Writes YAML with each key's meaning as a comment.
struct YamlDumper {
  std::ostringstream& out;
  int indent;
  void comment(const char* doc) { out << std::string(indent, ' ') << "# " << doc << "\n"; }
  template <class T>
  void num(const char* key, T& field, uint64_t, uint64_t, const char* unit, const char* doc) {
    comment(doc);
    out << std::string(indent, ' ') << key << ": ";
    if (std::string(unit) == "address") out << "0x" << std::hex << uint64_t(field) << std::dec; else out << uint64_t(field);
    out << "  # " << unit << "\n";
  }
  void real(const char* key, double& field, double, double, const char* unit, const char* doc) {
    comment(doc);
    out << std::string(indent, ' ') << key << ": " << real_text(field) << "  # " << unit << "\n";
  }
  void choice(const char* key, std::string& field, const std::vector<std::string>&, const char* doc) {
    comment(doc);
    out << std::string(indent, ' ') << key << ": " << field << "\n";
  }
  void text(const char* key, std::string& field, const char* doc) {
    comment(doc);
    out << std::string(indent, ' ') << key << ": " << YAML::Dump(YAML::Node(field)) << "\n";
  }
  void flag(const char* key, bool& field, const char* doc) {
    comment(doc);
    out << std::string(indent, ' ') << key << ": " << (field ? "true" : "false") << "\n";
  }
  template <class S>
  void group(const char* key, S& sub, const char* doc) {
    comment(doc);
    out << std::string(indent, ' ') << key << ":\n";
    YamlDumper inner{out, indent + 2};
    sub.visit(inner);
  }
};

/// Markdown table rows: key path | type | default | allowed | unit | meaning.
struct DocWriter {
  std::ostringstream& out;
  std::string prefix;
  void row(const char* key, const std::string& type, const std::string& def, const std::string& allowed,
           const std::string& unit, const char* doc) {
    out << "| `" << join(prefix, key) << "` | " << type << " | `" << def << "` | " << allowed << " | " << unit
        << " | " << doc << " |\n";
  }
  template <class T>
  void num(const char* key, T& field, uint64_t lo, uint64_t hi, const char* unit, const char* doc) {
    std::ostringstream d;
    if (std::string(unit) == "address") d << "0x" << std::hex << uint64_t(field); else d << uint64_t(field);
    row(key, "integer", d.str(), range_text(lo, hi), unit, doc);
  }
  void real(const char* key, double& field, double lo, double hi, const char* unit, const char* doc) {
    row(key, "number", real_text(field), real_text(lo) + " .. " + real_text(hi), unit, doc);
  }
  void choice(const char* key, std::string& field, const std::vector<std::string>& allowed, const char* doc) {
    std::string list;
    for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + ("`" + a + "`");
    row(key, "choice", field, list, "", doc);
  }
  void text(const char* key, std::string& field, const char* doc) { row(key, "string", field, "any", "", doc); }
  void flag(const char* key, bool& field, const char* doc) { row(key, "bool", field ? "true" : "false", "true, false", "", doc); }
  template <class S>
  void group(const char* key, S& sub, const char* doc) {
    out << "| **`" << join(prefix, key) << "`** | group | | | | " << doc << " |\n";
    DocWriter inner{out, join(prefix, key)};
    sub.visit(inner);
  }
};

void validate_at(const HwConfig& c, const Origins& where);

HwConfig finish(HwConfig c, const std::vector<std::string>& overrides, Origins where = {}) {
  for (const auto& o : overrides) apply_override(c, o, &where);
  validate_at(c, where);
  resolve_energy(c);
  resolve_area(c);
  return c;
}

}  // namespace

void validate(const HwConfig& c) { validate_at(c, {}); }

namespace {
void validate_at(const HwConfig& c, const Origins& where) {
  // The key's own file:line (or --set) when it was given, else "config" (a default).
  auto fail = [&](const std::string& path, const std::string& msg) {
    const auto it = where.find(path);
    throw ConfigError((it == where.end() ? std::string("config") : it->second) + ": " + path + ": " + msg);
  };
  if (c.memory.dram_base % 4096 != 0) fail("memory.dram_base", "must be 4 KiB aligned");
  if (c.memory.dram_base + (c.memory.dram_size_mib << 20) > (1ull << 32))
    fail("memory.dram_size_mib", "dram_base + size exceeds the 32-bit address space");
  auto pow2 = [](uint64_t v) { return v && !(v & (v - 1)); };
  const auto& sp = c.scratchpad;
  if (!pow2(sp.banks)) fail("scratchpad.banks", "must be a power of two, got " + std::to_string(sp.banks));
  if (!pow2(sp.bank_width)) fail("scratchpad.bank_width", "must be a power of two, got " + std::to_string(sp.bank_width));
  const uint64_t bank_row = uint64_t(sp.banks) * sp.bank_width, bytes = uint64_t(sp.size_kib) << 10;
  if (bytes % bank_row) fail("scratchpad.size_kib", "must be a multiple of one bank row (banks x bank_width = " + std::to_string(bank_row) + " bytes)");
  if (bytes < 1024) fail("scratchpad.size_kib", "must hold at least one int32 tile (1 KiB)");
  if ((uint64_t(sp.acc_kib) << 10) % bank_row)
    fail("scratchpad.acc_kib", "must be a multiple of one bank row (banks x bank_width = " + std::to_string(bank_row) + " bytes)");
  if (sp.size_kib + uint64_t(sp.acc_kib) > 65536) fail("scratchpad.acc_kib", "scratchpad and accumulator SRAM together exceed 64 MiB");
  if (!pow2(c.dma.burst_bytes)) fail("dma.burst_bytes", "must be a power of two, got " + std::to_string(c.dma.burst_bytes));
  if (!pow2(c.dram.interleave_bytes)) fail("dram.interleave_bytes", "must be a power of two, got " + std::to_string(c.dram.interleave_bytes));
  if (c.dram.interleave_bytes < c.dma.burst_bytes)
    fail("dram.interleave_bytes", "must be at least dma.burst_bytes (" + std::to_string(c.dma.burst_bytes) + "): a burst lies in one channel");
  if (c.dram.bandwidth_mb_s < c.dram.channels)
    fail("dram.bandwidth_mb_s", "must be at least 1 MB/s per channel (" + std::to_string(c.dram.channels) + " channels)");
  const auto& l2 = c.l2;
  if (l2.size_kib) {
    if (!pow2(l2.line_bytes)) fail("l2.line_bytes", "must be a power of two, got " + std::to_string(l2.line_bytes));
    if (l2.line_bytes < c.dma.burst_bytes)
      fail("l2.line_bytes", "must be at least dma.burst_bytes (" + std::to_string(c.dma.burst_bytes) + ")");
    if (l2.line_bytes > c.dram.interleave_bytes)
      fail("l2.line_bytes", "must be at most dram.interleave_bytes (" + std::to_string(c.dram.interleave_bytes) + "): a line lies in one channel");
    const uint64_t set_bytes = uint64_t(l2.line_bytes) * l2.ways;
    if ((l2.size_kib << 10) % set_bytes)
      fail("l2.size_kib", "must be a multiple of line_bytes x ways (" + std::to_string(set_bytes) + " bytes)");
  }
}
}  // namespace

HwConfig load_config_text(const std::string& yaml, const std::string& origin, const std::vector<std::string>& overrides) {
  HwConfig c;
  YAML::Node root;
  // A second document (a '---' or '...' marker at the start of a line after content) would be
  // ignored silently. Found by scanning lines: yaml-cpp 0.7's LoadAll loops forever on some
  // malformed input (found by fuzzing), and a marker inside a block scalar is indented anyway.
  {
    bool content = false;
    int line = 0;
    for (size_t pos = 0; pos <= yaml.size();) {
      const size_t nl = std::min(yaml.find('\n', pos), yaml.size());
      const std::string l = yaml.substr(pos, nl - pos);
      ++line;
      const bool marker = (l.rfind("---", 0) == 0 || l.rfind("...", 0) == 0) && (l.size() == 3 || std::isspace(static_cast<unsigned char>(l[3])));
      if (marker && content)
        throw ConfigError(origin + ":" + std::to_string(line) +
                          ": a second YAML document: a config is one document (remove the '" + l.substr(0, 3) + "' and what follows, or merge it)");
      const size_t first = l.find_first_not_of(" \t\r");
      if (!marker && first != std::string::npos && l[first] != '#') content = true;
      pos = nl + 1;
    }
  }
  try {
    root = YAML::Load(yaml);
  } catch (const YAML::Exception& e) {
    throw ConfigError(origin + ":" + std::to_string(e.mark.line + 1) + ": malformed YAML: " + e.msg);
  }
  Origins where;
  if (root) YamlReader::read_struct(root, origin, "", c, &where);
  return finish(std::move(c), overrides, std::move(where));
}

HwConfig load_config(const std::string& path, const std::vector<std::string>& overrides) {
  if (path.empty()) return finish(HwConfig{}, overrides);
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) throw MissingConfigFile(path + ": cannot open config file: " + std::strerror(errno));
  if (S_ISDIR(st.st_mode)) throw ConfigError(path + ": is a folder, not a config file");
  if (!S_ISREG(st.st_mode)) throw ConfigError(path + ": not a regular file (a config is a YAML file)");
  constexpr off_t kMaxConfigBytes = 1 << 20;
  if (st.st_size > kMaxConfigBytes)
    throw ConfigError(path + ": " + std::to_string(st.st_size) + " bytes: larger than a config can be (1 MiB)");
  std::ifstream in(path);
  if (!in) throw MissingConfigFile(path + ": cannot open config file");
  std::stringstream ss;
  ss << in.rdbuf();
  return load_config_text(ss.str(), path, overrides);
}

std::string dump_yaml(const HwConfig& c) {
  std::ostringstream out;
  out << "# tilesim effective configuration (every key, with defaults filled in)\n";
  HwConfig copy = c;
  YamlDumper d{out, 0};
  copy.visit(d);
  return out.str();
}

std::string config_markdown() {
  std::ostringstream out;
  out << "# Configuration reference\n\n"
         "Generated by `tilesim config-doc` from the schema in `sim/cfg/hw_config.h`; a test fails if this\n"
         "file and the schema disagree. Regenerate with `build/tilesim config-doc > docs/config.md`.\n\n"
         "Every key is optional; a config file overrides the defaults below, and `--set key.path=value`\n"
         "overrides the file. Unknown keys, wrong types and out-of-range values are errors\n"
         "(`file:line: key.path: message`, exit code 78). Integers accept decimal or `0x` hex.\n\n"
         "| key | type | default | allowed | unit | meaning |\n|---|---|---|---|---|---|\n";
  HwConfig c;
  DocWriter w{out, ""};
  c.visit(w);
  // The energy defaults (sim/cfg/energy.def): the 45 nm values and the node factors.
  out << "\n## Energy defaults\n\n"
         "A negative `energy.*` value takes its default: the 45 nm value below times the node's factor for the row's\n"
         "kind (`sram` rows: that multiple of the SRAM formula for the array, docs/energy.md; `none`: not scaled;\n"
         "`static`: our estimates at the node, not scaled). `tilesim config` prints the values a chip gets.\n\n"
         "| key | kind | 45 nm value |\n|---|---|---|\n";
  static const char* const kinds[] = {"logic", "sram (tile registers)", "sram (scratchpad bank)", "sram (accumulator bank)", "sram (L2 slice)", "wire", "none", "static"};
#define ENERGY(key, unit, scale, base, doc) out << "| `energy." #key "` | " << kinds[scale] << " | " << real_text(base) << " |\n";
#include "sim/cfg/energy.def"
#undef ENERGY
  out << "\n| node | logic | SRAM | wire | why |\n|---|---|---|---|---|\n";
#define NODE(name, logic, sram, wire, doc) \
  out << "| " name " | " << real_text(logic) << " | " << real_text(sram) << " | " << real_text(wire) << " | " doc " |\n";
#include "sim/cfg/energy.def"
#undef NODE
  return out.str();
}

void check_override(const std::string& kv) {
  HwConfig c;
  apply_override(c, kv, nullptr);
}

}  // namespace cfg
