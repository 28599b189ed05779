// Rewriting link targets in Markdown, outside code.
#include <diagdesk/importers/links.hpp>

#include <cctype>

namespace diagdesk::importers {
namespace {

std::string wrap_target(const std::string& t) {
  if (t.find_first_of(" ()") == std::string::npos) return t;
  return "<" + t + ">";
}

// Parses a link destination starting at `i` (just after "(" or after "]:"
// and spaces). Returns [begin, end) of the raw target and sets `inner` to
// the target without angle brackets; false when there is none.
bool parse_destination(std::string_view s, std::size_t i, std::size_t& begin, std::size_t& end,
                       std::string& inner) {
  if (i >= s.size()) return false;
  begin = i;
  if (s[i] == '<') {
    std::size_t close = s.find('>', i + 1);
    if (close == std::string_view::npos || s.substr(i, close - i).find('\n') != std::string_view::npos)
      return false;
    end = close + 1;
    inner = std::string(s.substr(i + 1, close - i - 1));
    return true;
  }
  int depth = 0;
  std::size_t k = i;
  for (; k < s.size(); ++k) {
    char c = s[k];
    if (c == '\\' && k + 1 < s.size()) {
      ++k;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\n') break;
    if (c == '(') ++depth;
    if (c == ')') {
      if (depth == 0) break;
      --depth;
    }
  }
  if (k == i) return false;
  end = k;
  inner = std::string(s.substr(i, k - i));
  return true;
}

}  // namespace

bool has_scheme(std::string_view t) {
  if (t.starts_with("//")) return true;
  std::size_t colon = t.find(':');
  // One letter before ':' is a Windows drive ("C:\..."), not a scheme.
  if (colon == std::string_view::npos || colon < 2) return false;
  if (!std::isalpha(static_cast<unsigned char>(t[0]))) return false;
  for (std::size_t i = 1; i < colon; ++i) {
    char c = t[i];
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') return false;
  }
  return true;
}

std::string rewrite_links(std::string_view md, const LinkResolver& resolve, int* count) {
  std::string out;
  out.reserve(md.size() + 64);
  int replaced = 0;
  bool in_fence = false;
  std::string fence;
  std::size_t pos = 0;
  auto replace = [&](std::string_view line, std::size_t b, std::size_t e, const std::string& inner,
                     std::string& acc, std::size_t& copied) {
    if (auto r = resolve(inner)) {
      acc.append(line.substr(copied, b - copied));
      acc += wrap_target(*r);
      copied = e;
      ++replaced;
    }
  };
  while (pos < md.size()) {
    std::size_t eol = md.find('\n', pos);
    std::size_t next = eol == std::string_view::npos ? md.size() : eol + 1;
    std::string_view line = md.substr(pos, (eol == std::string_view::npos ? md.size() : eol) - pos);
    pos = next;
    std::size_t k = 0;
    while (k < line.size() && (line[k] == ' ' || line[k] == '>')) ++k;
    std::string_view content = line.substr(k);
    if (in_fence) {
      if (content.starts_with(fence) && content.find_first_not_of(fence[0]) == std::string_view::npos)
        in_fence = false;
      out.append(line);
      if (eol != std::string_view::npos) out += '\n';
      continue;
    }
    if (content.starts_with("```") || content.starts_with("~~~")) {
      std::size_t n = 0;
      while (n < content.size() && content[n] == content[0]) ++n;
      fence = std::string(content.substr(0, n));
      in_fence = true;
      out.append(line);
      if (eol != std::string_view::npos) out += '\n';
      continue;
    }

    std::string acc;
    std::size_t copied = 0;
    // A reference definition: "[label]: target".
    if (content.starts_with("[") && k <= 3) {
      std::size_t close = content.find("]:");
      if (close != std::string_view::npos) {
        std::size_t i = k + close + 2;
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
        std::size_t b, e;
        std::string inner;
        if (parse_destination(line, i, b, e, inner)) replace(line, b, e, inner, acc, copied);
        acc.append(line.substr(copied));
        out += acc;
        if (eol != std::string_view::npos) out += '\n';
        continue;
      }
    }
    for (std::size_t i = 0; i < line.size(); ++i) {
      char c = line[i];
      if (c == '\\') {
        ++i;
        continue;
      }
      if (c == '`') {
        // Skip a code span: the matching run of as many backticks.
        std::size_t n = 0;
        while (i + n < line.size() && line[i + n] == '`') ++n;
        std::string ticks(n, '`');
        std::size_t close = line.find(ticks, i + n);
        i = close == std::string_view::npos ? i + n - 1 : close + n - 1;
        continue;
      }
      if (c == ']' && i + 1 < line.size() && line[i + 1] == '(') {
        std::size_t b, e;
        std::string inner;
        if (parse_destination(line, i + 2, b, e, inner)) {
          replace(line, b, e, inner, acc, copied);
          i = e - 1;
        }
      }
    }
    acc.append(line.substr(copied));
    out += acc;
    if (eol != std::string_view::npos) out += '\n';
  }
  if (count) *count = replaced;
  return out;
}

}  // namespace diagdesk::importers
