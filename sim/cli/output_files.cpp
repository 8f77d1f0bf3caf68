// Checks of command-line values shared by the subcommands: output paths, unsigned integers.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "sim/cli/commands.h"

namespace cli {

void check_output_file(const std::string& option, const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
    throw CantCreate(option + " " + path + ": is a folder, not a file");
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  if (fd < 0) throw CantCreate(option + " " + path + ": cannot create: " + std::strerror(errno));
  ::close(fd);
}

void check_output_dir(const std::string& option, const std::string& path) {
  if (::mkdir(path.c_str(), 0755) != 0 && errno != EEXIST)
    throw CantCreate(option + " " + path + ": cannot create the folder: " + std::strerror(errno));
  struct stat st;
  if (::stat(path.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) throw CantCreate(option + " " + path + ": not a folder");
  if (::access(path.c_str(), W_OK) != 0) throw CantCreate(option + " " + path + ": folder not writable: " + std::strerror(errno));
}

uint64_t parse_unsigned(const std::string& option, const std::string& text, uint64_t lo, uint64_t hi) {
  const std::string range = "[" + std::to_string(lo) + ", " + std::to_string(hi) + "]";
  if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos)
    throw UsageError(option + " '" + text + "': must be an unsigned integer in " + range);
  errno = 0;
  char* end = nullptr;
  const unsigned long long v = std::strtoull(text.c_str(), &end, 10);
  if (errno == ERANGE || v < lo || v > hi) throw UsageError(option + " " + text + ": must be in " + range);
  return v;
}

}  // namespace cli
