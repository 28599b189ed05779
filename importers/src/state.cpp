// The import state file: one line per record, tab-separated, strings escaped.
#include "state.hpp"

#include <charconv>
#include <sys/stat.h>

namespace diagdesk::importers::detail {
namespace {

constexpr std::string_view magic = "diagdesk-import-state 1";

void put(std::string& out, std::string_view s) {
  for (char c : s) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      default: out += c;
    }
  }
}

std::string unescape(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size()) {
      char n = s[++i];
      out += n == 't' ? '\t' : n == 'n' ? '\n' : n;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::vector<std::string_view> split_tabs(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t pos = 0;
  while (pos <= line.size()) {
    std::size_t t = line.find('\t', pos);
    if (t == std::string_view::npos) t = line.size();
    out.push_back(line.substr(pos, t - pos));
    pos = t + 1;
  }
  return out;
}

template <class T>
bool num(std::string_view s, T& out, int base = 10) {
  auto r = std::from_chars(s.data(), s.data() + s.size(), out, base);
  return r.ec == std::errc{} && r.ptr == s.data() + s.size();
}

std::string hex(std::uint64_t v) {
  char buf[17];
  auto r = std::to_chars(buf, buf + 16, v, 16);
  return std::string(buf, r.ptr);
}

}  // namespace

Stamp stamp_of(const std::filesystem::path& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return {};
  return {static_cast<std::int64_t>(st.st_size),
          static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec};
}

std::uint64_t hash64(std::string_view data, std::uint64_t h) {
  for (unsigned char c : data) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

std::filesystem::path ImportState::file(const std::filesystem::path& target) {
  return target / ".diagdesk-import";
}

ImportState ImportState::load(const std::filesystem::path& target) {
  ImportState st;
  std::string text;
  if (!kb::read_file(file(target), text)) return st;
  std::size_t pos = 0;
  SourceRecord* cur = nullptr;
  bool first = true;
  while (pos < text.size()) {
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string::npos) eol = text.size();
    std::string_view line(text.data() + pos, eol - pos);
    pos = eol + 1;
    if (first) {
      if (line != magic) return {};  // another version: start afresh
      first = false;
      continue;
    }
    auto f = split_tabs(line);
    if (f.empty()) continue;
    if (f[0] == "S" && f.size() == 7) {
      SourceRecord r;
      if (!num(f[1], r.stamp.size) || !num(f[2], r.stamp.mtime_ns) || !num(f[3], r.options, 16)) {
        cur = nullptr;
        continue;
      }
      r.format = unescape(f[4]);
      r.encoding = unescape(f[5]);
      cur = &(st.sources[unescape(f[6])] = std::move(r));
    } else if (f[0] == "O" && f.size() == 10 && cur) {
      OutputRecord o;
      if (!num(f[1], o.stamp.size) || !num(f[2], o.stamp.mtime_ns) || !num(f[3], o.hash, 16) || !num(f[7], o.line))
        continue;
      o.id = unescape(f[4]);
      o.rel = unescape(f[5]);
      o.lang_from = unescape(f[6]);
      o.key = unescape(f[8]);
      o.title = unescape(f[9]);
      cur->outputs.push_back(std::move(o));
    } else if (f[0] == "D" && f.size() == 4 && cur) {
      Stamp s;
      if (!num(f[1], s.size) || !num(f[2], s.mtime_ns)) continue;
      cur->deps.emplace_back(unescape(f[3]), s);
    }
  }
  return st;
}

kb::FileStatus ImportState::save(const std::filesystem::path& target) const {
  std::string out(magic);
  out += '\n';
  for (const auto& [path, r] : sources) {
    out += "S\t" + std::to_string(r.stamp.size) + "\t" + std::to_string(r.stamp.mtime_ns) + "\t" + hex(r.options) + "\t";
    put(out, r.format);
    out += '\t';
    put(out, r.encoding);
    out += '\t';
    put(out, path);
    out += '\n';
    for (const auto& o : r.outputs) {
      out += "O\t" + std::to_string(o.stamp.size) + "\t" + std::to_string(o.stamp.mtime_ns) + "\t" + hex(o.hash) + "\t";
      put(out, o.id);
      out += '\t';
      put(out, o.rel);
      out += '\t';
      put(out, o.lang_from);
      out += "\t" + std::to_string(o.line) + "\t";
      put(out, o.key);
      out += '\t';
      put(out, o.title);
      out += '\n';
    }
    for (const auto& [dep, s] : r.deps) {
      out += "D\t" + std::to_string(s.size) + "\t" + std::to_string(s.mtime_ns) + "\t";
      put(out, dep);
      out += '\n';
    }
  }
  return kb::write_file_atomic(file(target), out);
}

}  // namespace diagdesk::importers::detail
