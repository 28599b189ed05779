// The service desk's documents: the escalation packet for level 2 and the
// intervention report (fiche d'intervention) as Markdown and PDF. Every
// label comes from data/ui/strings.toml in the language asked for.
#include "service_desk_text.hpp"

#include <diagdesk/engine/i18n.hpp>
#include <diagdesk/engine/session_file.hpp>
#include <diagdesk/engine/wording.hpp>
#include <diagdesk/service/report.hpp>

#include <optional>
#include <sstream>

namespace diagdesk::workspace {

using engine::tr;
namespace sv = diagdesk::service;

namespace {

std::string caller_line(const sv::Ticket& t) {
  std::string s = t.caller_name;
  for (const auto* part : {&t.caller_phone, &t.caller_email}) {
    if (!part->empty()) s += ", " + *part;
  }
  return s;
}

/// "key=value" facts as "Label: value" phrases.
std::vector<std::string> fact_phrases(const engine::Knowledge& k, const std::vector<std::string>& facts, Lang lang) {
  std::vector<std::string> out;
  for (const auto& f : facts) {
    const auto eq = f.find('=');
    if (eq == std::string::npos) continue;
    out.push_back(engine::fact_phrase(k, f.substr(0, eq), f.substr(eq + 1), lang));
  }
  return out;
}

/// The questions and tests of a session with their answers, in words.
std::vector<std::string> steps_in_words(const engine::Session& s, Lang lang) {
  const auto& k = s.knowledge();
  std::vector<std::string> out;
  for (const auto& e : s.path()) {
    if (e.kind != engine::PathEntry::Kind::asked && e.kind != engine::PathEntry::Kind::dont_know &&
        e.kind != engine::PathEntry::Kind::skipped) {
      continue;
    }
    const engine::Node* node = k.find_node(e.node, e.tree);
    if (!node) continue;
    std::string answer;
    if (e.kind == engine::PathEntry::Kind::dont_know) {
      answer = engine::unknown_answer_text(k, e, lang);
    } else if (const auto* c = e.choice.empty() ? nullptr : node->find_choice(e.choice)) {
      answer = engine::fill_placeholders(c->label.get(lang), s.facts(), k, lang);
    } else {
      answer = e.fact.empty() ? e.value : engine::fact_value_text(k, e.fact, e.value, lang);
    }
    out.push_back(engine::fill_placeholders(node->text.get(lang), s.facts(), k, lang) + " — " + answer);
  }
  return out;
}

/// A domain's name in words (« Réseau »), else its id.
std::string category_label(const std::string& domain, Lang lang) {
  if (domain.empty()) return {};
  const std::string key = "gui.domain." + domain;
  const std::string& text = tr(key, lang);
  return text == key ? domain : text;
}

std::string status_text(sv::Status s, Lang lang) { return tr("ticket.status." + std::string(sv::name(s)), lang); }

/// Follow-ups (notes, calls, e-mails) as "date, who: text".
std::vector<std::string> follow_ups(const TicketView& v, const sv::Calendar& cal, Lang lang) {
  std::vector<std::string> out;
  for (const auto& ev : v.history) {
    const bool follow = ev.kind == sv::EventKind::note || ev.kind == sv::EventKind::call || ev.kind == sv::EventKind::email;
    if (!follow || ev.field == "escalation_packet") continue;
    out.push_back(cal.format_local(ev.at) + ", " + ev.actor + " (" + std::string(sv::name(ev.kind)) + ")" +
                  tr("punct.colon", lang) + ev.note);
  }
  return out;
}

}  // namespace

std::string ServiceDesk::escalation_packet(const TicketView& v, engine::Lang lang) const {
  const auto& t = v.ticket;
  const std::string colon = tr("punct.colon", lang);
  const auto& cal = m_config.calendar;
  std::ostringstream md;
  md << "# " << tr("ticket.packet.title", lang) << " — " << t.number << "\n\n" << tr("ticket.packet.intro", lang) << "\n\n";
  auto row = [&](const std::string& key, const std::string& value) {
    if (!value.empty()) md << "- **" << tr(key, lang) << "**" << colon << value << "\n";
  };
  row("ticket.field.title", t.title);
  row("ticket.field.type", tr("ticket.type." + std::string(sv::name(t.type)), lang));
  row("ticket.field.priority", sv::priority_name(t.priority));
  row("ticket.field.status", status_text(t.status, lang));
  row("ticket.packet.level", std::string(sv::name(t.level)));
  row("ticket.field.caller", caller_line(t));
  row("ticket.field.site", t.caller_site);
  row("ticket.field.equipment", t.asset_tag);
  row("ticket.field.category", category_label(t.category, lang));
  row("ticket.field.created", cal.format_local(t.created_at));

  md << "\n## " << tr("ticket.packet.said", lang) << "\n\n" << (t.description.empty() ? t.title : t.description) << "\n";

  md << "\n## " << tr("ticket.packet.facts", lang) << "\n\n";
  const auto facts = fact_phrases(*m_ws.knowledge(), ticket_facts(t), lang);
  if (facts.empty()) md << "- " << tr("report.none", lang) << "\n";
  for (const auto& f : facts) md << "- " << f << "\n";

  md << "\n## " << tr("ticket.packet.sessions", lang) << "\n\n";
  const auto attached = sessions(t);
  if (attached.empty()) md << tr("desk.no_session", lang) << "\n";
  for (const auto& a : attached) {
    if (!a.session) {
      md << "- " << a.error << "\n";
      continue;
    }
    // Each session's own report, its headings one level down.
    engine::Session s = *a.session;
    s.set_lang(lang);
    std::istringstream lines(engine::render_report(s, lang, a.info));
    bool first = true;
    for (std::string line; std::getline(lines, line);) {
      if (first && line.starts_with("# ")) {
        // The session report's own title would read "Intervention report" here.
        md << "### " << tr("ticket.packet.session", lang) << " " << a.index + 1 << "\n";
      } else {
        md << (line.starts_with("#") ? "##" + line : line) << "\n";
      }
      first = false;
    }
  }

  md << "\n## " << tr("ticket.packet.why", lang) << "\n\n";
  std::string reason;
  for (const auto& ev : v.history) {
    if (ev.kind == sv::EventKind::assignment && ev.field == "level") reason = ev.note;
  }
  md << (reason.empty() ? tr("report.none", lang) : reason) << "\n";

  const auto follows = follow_ups(v, cal, lang);
  if (!follows.empty()) {
    md << "\n## " << tr("ticket.packet.followups", lang) << "\n\n";
    for (const auto& f : follows) md << "- " << f << "\n";
  }
  return md.str();
}

namespace {

/// The report as a neutral document both renderers print.
sv::ReportDocument report_document(const TicketView& v, const std::vector<AttachedSession>& attached,
                                   const std::vector<std::string>& facts, const sv::ServiceConfig& config,
                                   const std::vector<Layer>& layers, Lang lang) {
  const auto& t = v.ticket;
  const auto& cal = config.calendar;
  sv::ReportDocument doc;
  doc.title = tr("ticket.report.title", lang);
  std::vector<fs::path> centre_files;
  for (const auto& l : layers) centre_files.push_back(l.path / "service" / "centre.toml");
  doc.centre = sv::load_centre(centre_files, std::string(engine::lang_code(lang)));
  doc.lang = std::string(engine::lang_code(lang));
  doc.page_label = tr("ticket.report.page", lang);
  doc.colon = tr("punct.colon", lang);

  auto field = [&](const std::string& key, const std::string& value) {
    if (!value.empty()) doc.fields.push_back({tr(key, lang), value});
  };
  field("ticket.field.number", t.number);
  field("ticket.field.type", tr("ticket.type." + std::string(sv::name(t.type)), lang));
  field("ticket.field.title", t.title);
  field("ticket.field.priority", sv::priority_name(t.priority));
  field("ticket.field.status", status_text(t.status, lang));
  field("ticket.field.caller", caller_line(t));
  field("ticket.field.site", t.caller_site);
  std::string equipment = t.asset_tag;
  for (const auto& f : facts) equipment += (equipment.empty() ? "" : "; ") + f;
  field("ticket.field.equipment", equipment);
  field("ticket.field.category", category_label(t.category, lang));
  field("ticket.field.operator", t.operator_name.empty() ? "" : t.operator_name + " (" + std::string(sv::name(t.level)) + ")");
  field("ticket.field.created", cal.format_local(t.created_at));
  if (t.taken_at) field("ticket.field.taken", cal.format_local(*t.taken_at));
  if (t.resolved_at) {
    field("ticket.field.resolved", cal.format_local(*t.resolved_at));
    field("ticket.field.duration", sv::format_duration(*t.resolved_at - t.created_at) + " (" +
                                       tr("ticket.field.business", lang) + " " +
                                       sv::format_duration(cal.business_seconds(t.created_at, *t.resolved_at)) + ")");
  }
  if (t.closed_at) field("ticket.field.closed", cal.format_local(*t.closed_at));

  sv::ReportSection symptom{tr("ticket.report.symptom", lang), {}, {}, sv::ListStyle::none, 0, {}};
  symptom.paragraphs.push_back(t.description.empty() ? t.title : t.description);
  doc.sections.push_back(symptom);

  sv::ReportSection steps{tr("ticket.report.steps", lang), {}, {}, sv::ListStyle::numbered, 3, {}};
  sv::ReportSection diagnosis{tr("ticket.report.diagnosis", lang), {}, {}, sv::ListStyle::bulleted, 2, {}};
  for (const auto& a : attached) {
    if (!a.session) continue;
    engine::Session s = *a.session;
    s.set_lang(lang);  // stored in the operator's language, printed in the report's
    for (auto& line : steps_in_words(s, lang)) steps.items.push_back(std::move(line));
    if (s.concluded()) diagnosis.paragraphs.push_back(s.step().diagnosis);
  }
  doc.sections.push_back(steps);
  doc.sections.push_back(diagnosis);

  sv::ReportSection done{tr("ticket.report.done", lang), {}, {}, sv::ListStyle::bulleted, 3, {}};
  if (!t.solution.empty()) done.paragraphs.push_back(t.solution);
  doc.sections.push_back(done);
  doc.sections.push_back({tr("ticket.report.parts", lang), {}, {}, sv::ListStyle::bulleted, 3, {}});

  sv::ReportSection outcome{tr("ticket.report.outcome", lang), {}, {}, sv::ListStyle::none, 0, {}};
  if (t.status == sv::Status::escalated || t.level != sv::SupportLevel::n1) {
    outcome.paragraphs.push_back(fill_braces(tr("ticket.report.escalated_to", lang), std::string(sv::name(t.level))));
  }
  outcome.paragraphs.push_back(t.resolved_at ? status_text(t.status, lang) : tr("ticket.report.open", lang));
  doc.sections.push_back(outcome);

  const auto follows = follow_ups(v, cal, lang);
  if (!follows.empty()) doc.sections.push_back({tr("ticket.report.followups", lang), {}, follows, sv::ListStyle::bulleted, 0, {}});

  const std::string technician = t.operator_name.empty() && !v.history.empty() ? v.history.back().actor : t.operator_name;
  doc.signatures.push_back({tr("ticket.report.technician", lang), tr("ticket.report.name", lang), technician,
                            tr("ticket.report.date", lang), tr("ticket.report.signature", lang)});
  doc.signatures.push_back({tr("ticket.report.user", lang), tr("ticket.report.name", lang), t.caller_name,
                            tr("ticket.report.date", lang), tr("ticket.report.signature", lang)});
  return doc;
}

}  // namespace

std::string ServiceDesk::report_markdown(const TicketView& v, engine::Lang lang) const {
  const auto facts = fact_phrases(*m_ws.knowledge(), ticket_facts(v.ticket), lang);
  return sv::render_markdown(report_document(v, sessions(v.ticket), facts, m_config, m_ws.layers(), lang));
}

std::string ServiceDesk::report_pdf(const TicketView& v, engine::Lang lang, const fs::path& file) const {
  const auto facts = fact_phrases(*m_ws.knowledge(), ticket_facts(v.ticket), lang);
  return sv::render_pdf(report_document(v, sessions(v.ticket), facts, m_config, m_ws.layers(), lang), file);
}

namespace {

/// "impact high x urgency medium = P2 (source)" split into its parts.
struct PriorityNote {
  std::string impact, urgency, priority, source;
};

std::optional<PriorityNote> parse_priority_note(const std::string& note) {
  const auto i = note.find("impact ");
  const auto x = note.find(" x urgency ", i);
  const auto eq = note.find(" = ", x);
  const auto open = note.find(" (", eq);
  if (i == std::string::npos || x == std::string::npos || eq == std::string::npos || open == std::string::npos ||
      note.back() != ')') {
    return std::nullopt;
  }
  PriorityNote p;
  p.impact = note.substr(i + 7, x - i - 7);
  p.urgency = note.substr(x + 11, eq - x - 11);
  p.priority = note.substr(eq + 3, open - eq - 3);
  p.source = note.substr(open + 2, note.size() - open - 3);
  if (!sv::parse_grade(p.impact) || !sv::parse_grade(p.urgency)) return std::nullopt;
  return p;
}

}  // namespace

std::string ServiceDesk::event_note(const sv::Event& e, engine::Lang lang) const {
  if (e.kind != sv::EventKind::priority) return e.note;
  // The note may start with the change that caused it ("impact medium -> high: ").
  const auto at = e.note.rfind("impact ");
  const auto parsed = at == std::string::npos ? std::nullopt : parse_priority_note(e.note.substr(at));
  if (!parsed) return e.note;
  std::string source = tr("ticket.priority.default", lang);
  if (parsed->source != "default") {
    source = fs::path(parsed->source).filename().string();
    for (const auto& layer : m_ws.layers()) {
      const auto rel = fs::path(parsed->source).lexically_relative(layer.path);
      if (!rel.empty() && !rel.string().starts_with("..")) source = layer.name + ": " + rel.string();
    }
  }
  std::string cause;
  if (at > 0) {
    // "impact medium -> high: " in words.
    const std::string head = e.note.substr(0, at);
    const auto arrow = head.find(" -> ");
    const auto space = head.find(' ');
    if (arrow != std::string::npos && space < arrow) {
      const std::string field = head.substr(0, space);
      std::string after = head.substr(arrow + 4);
      while (!after.empty() && (after.back() == ' ' || after.back() == ':')) after.pop_back();
      const std::string before = head.substr(space + 1, arrow - space - 1);
      if ((field == "impact" || field == "urgency") && sv::parse_grade(before) && sv::parse_grade(after)) {
        cause = tr("ticket." + field + "." + before, lang) + " → " + tr("ticket." + field + "_grade." + after, lang) +
                tr("punct.colon", lang);
      }
    }
  }
  return cause + tr("ticket.impact." + parsed->impact, lang) + " × " + tr("ticket.urgency." + parsed->urgency, lang) +
         " = " + parsed->priority + " (" + source + ")";
}

}  // namespace diagdesk::workspace
