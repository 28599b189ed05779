// The allow-list of imports: URL schemes, HTML elements and attributes, and
// the pass that leaves no raw HTML in imported Markdown.
//
// [SECTION] URLs
// [SECTION] Elements and attributes
// [SECTION] Markdown: tags
// [SECTION] Markdown: the pass

#include <diagdesk/importers/sanitize.hpp>

#include "md_build.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>

namespace diagdesk::importers {
namespace {

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = lower(c);
  return out;
}

// [SECTION] URLs ----------------------------------------------------------------

// Character references a browser decodes in an attribute: numeric ones with
// or without ';' (and leading zeros), and the named ones that can hide a scheme.
std::string decode_entities(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out += s[i];
      continue;
    }
    std::size_t j = i + 1;
    if (j < s.size() && s[j] == '#') {
      bool hex = j + 1 < s.size() && (s[j + 1] == 'x' || s[j + 1] == 'X');
      std::size_t k = j + (hex ? 2 : 1);
      unsigned long cp = 0;
      std::size_t digits = 0;
      while (k < s.size() && (hex ? std::isxdigit(static_cast<unsigned char>(s[k])) : std::isdigit(static_cast<unsigned char>(s[k])))) {
        if (cp < 0x110000) cp = cp * (hex ? 16 : 10) + static_cast<unsigned long>(std::isdigit(static_cast<unsigned char>(s[k])) ? s[k] - '0' : lower(s[k]) - 'a' + 10);
        ++k, ++digits;
      }
      if (digits) {
        if (k < s.size() && s[k] == ';') ++k;
        // Only ASCII matters for a scheme; anything else stays a marker.
        out += cp < 0x80 ? static_cast<char>(cp) : '?';
        i = k - 1;
        continue;
      }
    }
    static constexpr std::array<std::pair<std::string_view, char>, 10> named = {{
        {"colon;", ':'}, {"tab;", '\t'}, {"newline;", '\n'}, {"amp;", '&'}, {"sol;", '/'},
        {"lpar;", '('}, {"rpar;", ')'}, {"period;", '.'}, {"num;", '#'}, {"quest;", '?'}}};
    bool done = false;
    for (const auto& [name, c] : named) {
      if (lower(s.substr(j, name.size())) == name) {
        out += c;
        i = j + name.size() - 1;
        done = true;
        break;
      }
    }
    if (!done) out += '&';
  }
  return out;
}

}  // namespace

CheckedUrl check_url(std::string_view raw) {
  std::string s = decode_entities(raw);
  // Browsers drop tabs and new lines anywhere and trim C0 controls and
  // spaces; we drop every control character and trim all spaces.
  std::string clean;
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) continue;
    clean += c;
  }
  std::size_t b = clean.find_first_not_of(' ');
  std::size_t e = clean.find_last_not_of(' ');
  clean = b == std::string::npos ? std::string() : clean.substr(b, e - b + 1);
  // "\xC2\xA0" (no-break space) in front hides nothing from us either.
  while (clean.starts_with("\xC2\xA0")) clean.erase(0, 2);
  CheckedUrl out;
  out.url = clean;
  std::size_t stop = clean.find_first_of(":/?#\\");
  if (stop == std::string::npos || clean[stop] != ':') {
    bool remote = clean.size() >= 2 && (clean[0] == '/' || clean[0] == '\\') && (clean[1] == '/' || clean[1] == '\\');
    out.kind = remote ? UrlKind::web : UrlKind::relative;
    return out;
  }
  std::string scheme = lower(std::string_view(clean).substr(0, stop));
  if (scheme == "http" || scheme == "https") out.kind = UrlKind::web;
  else if (scheme == "mailto") out.kind = UrlKind::mail;
  else if (scheme == "article") out.kind = UrlKind::article;
  else out.kind = UrlKind::refused;  // javascript, vbscript, data, file, a drive letter, spaces inside...
  return out;
}

std::string safe_link(std::string_view text, std::string_view href) {
  CheckedUrl u = check_url(href);
  if (u.kind == UrlKind::refused || u.url.empty()) return std::string(text);
  return md::link(text, u.url);
}

std::string safe_image(std::string_view alt, std::string_view src) {
  if (alt.find_first_not_of(' ') == std::string_view::npos) return {};
  CheckedUrl u = check_url(src);
  if (u.url.empty() || u.kind == UrlKind::refused || u.kind == UrlKind::mail) return std::string(alt);
  // Nothing is fetched: only a local image stays an image.
  return md::link(alt, u.url, u.kind == UrlKind::relative);
}

// [SECTION] Elements and attributes -------------------------------------------------

bool html_element_allowed(std::string_view name) {
  static constexpr std::array<std::string_view, 85> allowed = {
      "a", "abbr", "acronym", "address", "article", "aside", "b", "bdi", "bdo", "big", "blockquote",
      "body", "br", "caption", "center", "cite", "code", "col", "colgroup", "data", "dd", "del",
      "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "font", "footer", "h1", "h2",
      "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "i", "img", "ins", "kbd", "li",
      "listing", "main", "mark", "menu", "nobr", "ol", "p", "plaintext", "pre", "q", "rp", "rt", "ruby",
      "s", "samp", "section", "small", "span", "strike", "strong", "sub", "summary", "sup", "table",
      "tbody", "td", "tfoot", "th", "thead", "time", "tr", "tt", "u", "ul", "var", "wbr", "label",
      "fieldset"};
  return std::find(allowed.begin(), allowed.end(), name) != allowed.end();
}

bool html_attribute_allowed(std::string_view element, std::string_view attribute) {
  if (attribute == "href") return element == "a";
  if (attribute == "src" || attribute == "alt") return element == "img";
  if (attribute == "start") return element == "ol";
  if (attribute == "colspan") return element == "td" || element == "th";
  if (attribute == "class") return element == "pre" || element == "code";
  if (attribute == "lang" || attribute == "xml:lang") return element == "html";
  return false;
}

}  // namespace diagdesk::importers
