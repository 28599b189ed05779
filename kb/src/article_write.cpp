// Writing articles in their canonical form (fixed key order, TOML basic
// strings), so files written by the importers diff cleanly.

#include <diagdesk/kb/article.hpp>

#include <cstdio>

namespace diagdesk::kb {
namespace {

void quoted(std::string& out, std::string_view s) {
  out += '"';
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned char>(c));
          out += buf;
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

void key_string(std::string& out, std::string_view key, std::string_view value) {
  out += key;
  out += " = ";
  quoted(out, value);
  out += '\n';
}

void key_strings(std::string& out, std::string_view key, const std::vector<std::string>& values) {
  out += key;
  out += " = [";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i) out += ", ";
    quoted(out, values[i]);
  }
  out += "]\n";
}

}  // namespace

std::string write_article(const Article& a) {
  std::string out = "+++\n";
  out += "schema_version = " + std::to_string(article_schema_version) + "\n";
  key_string(out, "id", a.id);
  key_string(out, "title", a.title);
  key_string(out, "lang", a.lang);
  if (!a.domain.empty()) key_string(out, "domain", a.domain);
  if (a.competency) out += "competency = " + std::to_string(a.competency) + "\n";
  if (!a.tags.empty()) key_strings(out, "tags", a.tags);
  if (!a.symptoms.empty()) key_strings(out, "symptoms", a.symptoms);
  if (!a.translation.empty()) key_string(out, "translation", a.translation);
  if (!a.source.empty()) key_string(out, "source", a.source);
  if (a.updated) out += "updated = " + to_string(*a.updated) + "\n";
  if (a.known_error) {
    const KnownError& k = *a.known_error;
    out += "\n[known_error]\n";
    if (!k.symptom.empty()) key_string(out, "symptom", k.symptom);
    if (!k.cause.empty()) key_string(out, "cause", k.cause);
    if (!k.workaround.empty()) key_string(out, "workaround", k.workaround);
    if (!k.solution.empty()) key_string(out, "solution", k.solution);
    if (!k.error_codes.empty()) key_strings(out, "error_codes", k.error_codes);
    if (!k.products.empty()) key_strings(out, "products", k.products);
  }
  out += "+++\n";
  if (!a.body.empty()) {
    out += '\n';
    out += a.body;
    if (a.body.back() != '\n') out += '\n';
  }
  return out;
}

}  // namespace diagdesk::kb
