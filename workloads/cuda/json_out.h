#pragma once
// A small JSON writer for tilesim-gpu's results: the GPU machine has a compiler and CUDA but
// nothing else can be installed there (no nlohmann-json), and the harness only writes.
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

namespace tsgpu {

class Json {
 public:
  static Json object() { return Json('{'); }
  static Json array() { return Json('['); }
  Json& put(const std::string& key, const std::string& v) { return raw(key, quote(v)); }
  Json& put(const std::string& key, const char* v) { return raw(key, quote(v)); }
  Json& put(const std::string& key, double v) { return raw(key, num(v)); }
  Json& put(const std::string& key, int v) { return raw(key, std::to_string(v)); }
  Json& put(const std::string& key, long long v) { return raw(key, std::to_string(v)); }
  Json& put(const std::string& key, unsigned long long v) { return raw(key, std::to_string(v)); }
  Json& put(const std::string& key, bool v) { return raw(key, v ? "true" : "false"); }
  Json& put_null(const std::string& key) { return raw(key, "null"); }
  Json& put(const std::string& key, const Json& v) { return raw(key, v.str()); }
  Json& push(const Json& v) { return raw("", v.str()); }
  std::string str() const { return std::string(1, open_) + body_ + (open_ == '{' ? "}" : "]"); }
  static std::string quote(const std::string& s) {
    std::string o = "\"";
    for (char c : s) {
      if (c == '"' || c == '\\') o += '\\', o += c;
      else if (static_cast<unsigned char>(c) < 0x20) {
        char b[8];
        std::snprintf(b, sizeof b, "\\u%04x", c);
        o += b;
      } else o += c;
    }
    return o + "\"";
  }
  static std::string num(double v) {
    if (!std::isfinite(v)) return "null";
    char b[32];
    std::snprintf(b, sizeof b, "%.6g", v);
    return b;
  }

 private:
  explicit Json(char open) : open_(open) {}
  Json& raw(const std::string& key, const std::string& v) {
    if (!body_.empty()) body_ += ", ";
    if (open_ == '{') body_ += quote(key) + ": ";
    body_ += v;
    return *this;
  }
  char open_;
  std::string body_;
};

}  // namespace tsgpu
