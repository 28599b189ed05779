// Markdown building blocks shared by the HTML, Mallard and CSV readers.
//
// [SECTION] Line starts and runs
// [SECTION] Inline pieces
// [SECTION] Blocks
// [SECTION] tidy

#include "md_build.hpp"

#include <algorithm>
#include <cctype>

namespace diagdesk::importers::md {
namespace {

// [SECTION] Line starts and runs ----------------------------------------------

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_alnum(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80;
}
bool is_punct(char c) { return std::ispunct(static_cast<unsigned char>(c)) != 0; }

std::string trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && is_space(s[b])) ++b;
  while (e > b && is_space(s[e - 1])) --e;
  return std::string(s.substr(b, e - b));
}

// Escapes a block marker at the start of one line of paragraph text.
std::string escape_line_start(std::string_view line) {
  if (line.empty()) return {};
  std::size_t i = 0;
  char c = line[0];
  if (c == '#') {
    while (i < line.size() && line[i] == '#') ++i;
    if (i == line.size() || line[i] == ' ') return "\\" + std::string(line);
    return std::string(line);
  }
  if (c == '>') return "\\" + std::string(line);
  if ((c == '-' || c == '+' || c == '=') &&
      (line.size() == 1 || line[1] == ' ' || std::all_of(line.begin(), line.end(), [c](char x) { return x == c; })))
    return "\\" + std::string(line);
  if (std::isdigit(static_cast<unsigned char>(c))) {
    while (i < line.size() && i < 9 && std::isdigit(static_cast<unsigned char>(line[i]))) ++i;
    if (i < line.size() && (line[i] == '.' || line[i] == ')') && (i + 1 == line.size() || line[i + 1] == ' '))
      return std::string(line.substr(0, i)) + "\\" + std::string(line.substr(i));
  }
  return std::string(line);
}

std::size_t longest_run(std::string_view s, char c) {
  std::size_t best = 0, run = 0;
  for (char x : s) {
    run = x == c ? run + 1 : 0;
    best = std::max(best, run);
  }
  return best;
}

}  // namespace

// [SECTION] Inline pieces --------------------------------------------------------

std::string collapse_space(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool space = false;
  for (char c : text) {
    if (is_space(c)) {
      space = true;
    } else {
      if (space) out += ' ';
      space = false;
      out += c;
    }
  }
  if (space) out += ' ';
  return out;
}

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    char prev = i ? text[i - 1] : ' ';
    char next = i + 1 < text.size() ? text[i + 1] : ' ';
    switch (c) {
      case '\\':
        if (is_punct(next)) out += '\\';
        break;
      case '*': case '`': case '[': case ']':
        out += '\\';
        break;
      case '_':
        if (!is_alnum(prev) || !is_alnum(next)) out += '\\';
        break;
      case '<':
        if (std::isalpha(static_cast<unsigned char>(next)) || next == '/' || next == '!' || next == '?')
          out += '\\';
        break;
      default: break;
    }
    out += c;
  }
  return out;
}

std::string finish_inline(std::string_view run) {
  // Collapse spaces, dropping those around hard breaks.
  std::string flat;
  flat.reserve(run.size());
  bool space = false;
  for (char c : run) {
    if (c == hard_break) {
      while (!flat.empty() && flat.back() == ' ') flat.pop_back();
      flat += c;
      space = false;
    } else if (is_space(c)) {
      space = true;
    } else {
      if (space && !flat.empty() && flat.back() != hard_break) flat += ' ';
      space = false;
      flat += c;
    }
  }
  // Trim spaces and breaks at both ends.
  std::size_t b = 0, e = flat.size();
  while (b < e && (flat[b] == ' ' || flat[b] == hard_break)) ++b;
  while (e > b && (flat[e - 1] == ' ' || flat[e - 1] == hard_break)) --e;
  std::string_view body(flat.data() + b, e - b);
  std::string out;
  std::size_t pos = 0;
  while (pos <= body.size()) {
    std::size_t brk = body.find(hard_break, pos);
    if (brk == std::string_view::npos) brk = body.size();
    if (pos) out += "\\\n";
    out += escape_line_start(body.substr(pos, brk - pos));
    pos = brk + 1;
  }
  return out;
}

std::string wrap(std::string_view text, std::string_view mark) {
  std::size_t b = 0, e = text.size();
  while (b < e && is_space(text[b])) ++b;
  while (e > b && is_space(text[e - 1])) --e;
  if (b == e) return std::string(text.empty() ? "" : " ");
  std::string out;
  if (b) out += ' ';
  out += mark;
  out += text.substr(b, e - b);
  out += mark;
  if (e < text.size()) out += ' ';
  return out;
}

std::string code_span(std::string_view code) {
  std::string c = collapse_space(code);
  std::string t = trim(c);
  if (t.empty()) return {};
  std::string ticks(longest_run(t, '`') + 1, '`');
  bool pad = t.front() == '`' || t.back() == '`';
  return ticks + (pad ? " " : "") + t + (pad ? " " : "") + ticks;
}

std::string link(std::string_view text, std::string_view target, bool image) {
  std::string t = trim(text);
  std::string u = trim(target);
  if (u.empty()) return t;
  bool angle = u.find_first_of(" ()<>") != std::string::npos;
  if (angle) {
    std::string esc;
    for (char c : u) {
      if (c == '<' || c == '>') esc += '\\';
      esc += c;
    }
    u = "<" + esc + ">";
  }
  return std::string(image ? "!" : "") + "[" + t + "](" + u + ")";
}

// [SECTION] Blocks ----------------------------------------------------------------

std::string heading(int level, std::string_view text) {
  std::string t = trim(text);
  // A heading is one line: hard breaks and newlines become spaces.
  for (auto& c : t)
    if (c == '\n') c = ' ';
  std::size_t p = 0;
  while ((p = t.find("\\ ", p)) != std::string::npos) t.erase(p, 1);
  if (t.empty()) return {};
  return std::string(static_cast<std::size_t>(std::clamp(level, 1, 6)), '#') + " " + t;
}

std::string code_block(std::string_view code, std::string_view info) {
  std::string body(code);
  // Drop blank lines at both ends, keep inner indentation.
  while (!body.empty() && body.front() == '\n') body.erase(0, 1);
  while (!body.empty() && (body.back() == '\n' || body.back() == ' ' || body.back() == '\t')) body.pop_back();
  if (body.empty()) return {};
  std::string fence(std::max<std::size_t>(3, longest_run(body, '`') + 1), '`');
  return fence + std::string(info) + "\n" + body + "\n" + fence;
}

std::string list_item(std::string_view block, std::string_view marker) {
  std::string indent(marker.size(), ' ');
  std::string out(marker);
  bool first = true;
  std::size_t pos = 0;
  while (pos <= block.size()) {
    std::size_t eol = block.find('\n', pos);
    if (eol == std::string_view::npos) eol = block.size();
    std::string_view line = block.substr(pos, eol - pos);
    if (!first) {
      out += '\n';
      if (!line.empty()) out += indent;
    }
    out += line;
    first = false;
    pos = eol + 1;
  }
  return out;
}

std::string quote(std::string_view block) {
  std::string out;
  std::size_t pos = 0;
  while (pos <= block.size()) {
    std::size_t eol = block.find('\n', pos);
    if (eol == std::string_view::npos) eol = block.size();
    std::string_view line = block.substr(pos, eol - pos);
    if (pos) out += '\n';
    out += line.empty() ? ">" : "> " + std::string(line);
    pos = eol + 1;
  }
  return out;
}

std::string table(const std::vector<std::vector<std::string>>& rows) {
  std::size_t cols = 0;
  for (const auto& r : rows) cols = std::max(cols, r.size());
  if (cols == 0) return {};
  auto cell = [](const std::string& c) {
    std::string out;
    for (char ch : trim(c)) {
      if (ch == '\n') {
        if (!out.empty() && out.back() == '\\') out.pop_back();  // hard break
        out += ' ';
      } else if (ch == '|') {
        out += "\\|";
      } else {
        out += ch;
      }
    }
    return out;
  };
  std::string out;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    out += '|';
    for (std::size_t c = 0; c < cols; ++c) {
      std::string v = c < rows[r].size() ? cell(rows[r][c]) : "";
      out += ' ' + v + (v.empty() ? "|" : " |");
    }
    out += '\n';
    if (r == 0) {
      out += '|';
      for (std::size_t c = 0; c < cols; ++c) out += " --- |";
      out += '\n';
    }
  }
  out.pop_back();
  return out;
}

std::string join_blocks(const std::vector<std::string>& blocks) {
  std::string out;
  for (const auto& b : blocks) {
    if (b.empty()) continue;
    if (!out.empty()) out += "\n\n";
    out += b;
  }
  return out;
}

// [SECTION] tidy ------------------------------------------------------------------

std::string tidy(std::string_view body) {
  std::string out;
  out.reserve(body.size() + 1);
  bool in_code = false;
  std::string fence;
  bool blank_pending = false;
  std::size_t pos = 0;
  while (pos < body.size()) {
    std::size_t eol = body.find('\n', pos);
    if (eol == std::string_view::npos) eol = body.size();
    std::string line(body.substr(pos, eol - pos));
    pos = eol + 1;
    // The line's content after list indentation and quote marks.
    std::size_t k = 0;
    while (k < line.size() && (line[k] == ' ' || line[k] == '>')) ++k;
    std::string_view content = std::string_view(line).substr(k);
    bool is_fence = content.starts_with("```") || content.starts_with("~~~");
    if (in_code) {
      out += line;
      out += '\n';
      if (is_fence && content.starts_with(fence) &&
          content.find_first_not_of(fence[0]) == std::string_view::npos)
        in_code = false;
      continue;
    }
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.pop_back();
    bool blank = line.find_first_not_of(" >") == std::string::npos && line.find('>') == std::string::npos;
    if (blank) {
      blank_pending = !out.empty();
      continue;
    }
    if (blank_pending) out += '\n';
    blank_pending = false;
    out += line;
    out += '\n';
    if (is_fence) {
      in_code = true;
      std::size_t n = 0;
      while (n < content.size() && content[n] == content[0]) ++n;
      fence = std::string(content.substr(0, n));
    }
  }
  return out;
}

}  // namespace diagdesk::importers::md
