#include <diagdesk/kb/document.hpp>
#include <diagdesk/kb/index.hpp>

#include "text_internal.hpp"

#include <algorithm>
#include <cstdlib>

namespace diagdesk::kb {

namespace {
template <class T>
T& pick(T& fr, T& en, std::string_view lang) {
  return lang == "en" ? en : fr;
}
}  // namespace

const std::string& Texts::get(std::string_view lang) const {
  static const std::string empty;
  return lang == "fr" ? fr : lang == "en" ? en : empty;
}
std::string& Texts::get(std::string_view lang) { return pick(fr, en, lang); }

const std::vector<std::string>& TextLists::get(std::string_view lang) const {
  static const std::vector<std::string> empty;
  return lang == "fr" ? fr : lang == "en" ? en : empty;
}
std::vector<std::string>& TextLists::get(std::string_view lang) { return pick(fr, en, lang); }

Document to_document(const Article& a) {
  Document d;
  d.id = a.id;
  d.type = "article";
  d.lang = a.lang;
  d.topic = a.topic;
  d.title.get(a.lang) = a.title;
  d.symptoms.get(a.lang) = a.symptoms;
  std::string& body = d.body.get(a.lang);
  body = a.body;
  if (a.known_error) {
    // The known-error fields are searchable like the body; codes match exactly.
    const KnownError& k = *a.known_error;
    for (const std::string* s : {&k.symptom, &k.cause, &k.workaround, &k.solution}) {
      if (s->empty()) continue;
      body += "\n\n";
      body += *s;
    }
    for (const auto& p : k.products) {
      body += "\n\n";
      body += p;
    }
    d.codes = k.error_codes;
  }
  d.tags = a.tags;
  d.domain = a.domain;
  d.competency = a.competency;
  d.layer = a.layer;
  d.out_of_date = a.out_of_date;
  d.source = a.path.string();
  if (const std::size_t limit = max_indexed_text_bytes(); body.size() > limit) {
    std::size_t cut = limit;
    while (cut > 0 && (static_cast<unsigned char>(body[cut]) & 0xC0) == 0x80) --cut;  // not inside a character
    d.cut_from = body.size();
    body.resize(cut);
  }
  return d;
}

std::size_t max_indexed_text_bytes() {
  constexpr std::size_t fallback = 4u * 1024u * 1024u;
  const char* env = std::getenv("DIAGDESK_INDEX_MAX_BYTES");
  if (!env || !*env) return fallback;
  char* end = nullptr;
  const unsigned long long v = std::strtoull(env, &end, 10);
  if (*end != '\0' || v < 1024) return fallback;
  return static_cast<std::size_t>(std::min<unsigned long long>(v, std::size_t(-1)));
}

std::uint64_t content_hash(const Document& d) {
  detail::Hasher h;
  h.add(std::int64_t{index_schema_version});
  for (const std::string* s : {&d.id, &d.type, &d.lang, &d.topic, &d.title.fr, &d.title.en,
                               &d.body.fr, &d.body.en, &d.domain, &d.layer})
    h.add(*s);
  for (const auto* list : {&d.symptoms.fr, &d.symptoms.en, &d.tags, &d.codes}) {
    h.add(std::int64_t(list->size()));
    for (const auto& s : *list) h.add(s);
  }
  h.add(std::int64_t{d.competency});
  h.add(std::int64_t{d.out_of_date});
  return h.h;
}

}  // namespace diagdesk::kb
