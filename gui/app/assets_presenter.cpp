// The Assets tab's presenter (assets_presenter.hpp): the list and the card
// through the Tickets tab's desk, the CSV import as a background job.
#include "app/assets_presenter.hpp"
#include "app/tickets_presenter.hpp"

#include <diagdesk/service/asset_csv.hpp>
#include <diagdesk/workspace/asset_import.hpp>

#include <cstdlib>

namespace diagdesk::gui {

namespace sv = diagdesk::service;
using engine::Lang;
using engine::tr;

namespace {

std::string say(const std::string& key, Lang lang, const std::vector<std::string>& args) {
  std::string text = tr(key, lang);
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string mark = "{" + std::to_string(i + 1) + "}";
    for (auto at = text.find(mark); at != std::string::npos; at = text.find(mark, at + args[i].size()))
      text.replace(at, mark.size(), args[i]);
  }
  return text;
}

// 31/03/2027 in French, 2027-03-31 in English (as the CLI says it).
std::string date_text(const sv::Date& d, Lang lang) {
  std::string s = sv::format_date(d);
  return lang == Lang::fr ? s.substr(8, 2) + "/" + s.substr(5, 2) + "/" + s.substr(0, 4) : s;
}

// The import, off the frame thread: parse, then save on a desk of its own.
AssetImportVm run_import(const workspace::Workspace& ws, const std::string& path, const std::string& actor, Lang lang,
                         Progress& p) {
  AssetImportVm r;
  r.done = true;
  p.set(-1, say("gui.assets.reading", lang, {path}));
  const sv::AssetCsvResult parsed = sv::read_asset_csv(path);
  const auto& rep = parsed.report;
  const bool truncated = !rep.errors.empty() && rep.errors.front().code == "csv.truncated";
  if (!rep.errors.empty() && !truncated) {
    r.failed = true;
    r.summary = workspace::import_file_error_text(rep.errors.front(), path, lang);
    return r;
  }
  workspace::DeskError err;
  auto desk = workspace::ServiceDesk::open(ws, err);
  if (!desk) {
    r.failed = true;
    r.summary = err.message.empty() ? err.code : err.message;
    return r;
  }
  auto saved = workspace::save_asset_import(*desk, parsed, actor, false, [&](std::size_t done, std::size_t total) {
    p.set(total ? static_cast<float>(done) / static_cast<float>(total) : 1.0f,
          say("gui.assets.saving", lang, {std::to_string(done), std::to_string(total)}));
  });
  const sv::ImportCounts n = sv::count(saved.rows);
  r.added = n.added, r.updated = n.updated, r.unchanged = n.unchanged, r.rejected = n.rejected;
  r.summary = say("cli.asset_import.summary", lang,
                  {path, std::to_string(n.added), std::to_string(n.updated), std::to_string(n.unchanged), std::to_string(n.rejected)});
  for (const auto& row : saved.rows) {
    if (row.outcome == sv::ImportOutcome::updated) {
      std::string fields;
      for (const auto& c : row.changes) fields += (fields.empty() ? "" : ", ") + c.field;
      r.lines.push_back(say("cli.asset_import.updated", lang, {std::to_string(row.line), row.asset.tag, fields}));
    } else if (row.outcome == sv::ImportOutcome::rejected) {
      r.lines.push_back(workspace::import_row_text(row, rep, lang));
    }
  }
  for (const auto& e : rep.errors) r.lines.push_back(workspace::import_file_error_text(e, path, lang));
  if (!saved.error.ok()) {
    r.failed = true;
    r.lines.push_back(saved.error.message.empty() ? saved.error.code : saved.error.message);
  }
  return r;
}

}  // namespace

AssetsPresenter::AssetsPresenter(const workspace::Workspace& ws, TicketsPresenter& tickets, std::string operator_name)
    : m_ws(ws), m_tickets(tickets), m_operator(std::move(operator_name)) {}

AssetsPresenter::~AssetsPresenter() = default;

void AssetsPresenter::apply(const Intent& i, Lang lang) {
  m_dirty = true;
  m_message.clear();
  m_message_error = false;
  if (i.a == "filter") {
    m_type = i.field("type"), m_site = i.field("site"), m_user = i.field("user"), m_days = i.field("days");
  } else if (i.a == "select") {
    m_selected = i.b;
  } else if (i.a == "import") {
    start_import(i.field("path"), lang);
  }
}

void AssetsPresenter::start_import(const std::string& path, Lang lang) {
  if (path.empty()) {
    m_message = tr("gui.assets.no_path", lang);
    m_message_error = true;
    return;
  }
  {
    std::lock_guard lock(m_report_mutex);
    m_report.reset();
  }
  const bool started = m_job.start([this, path, lang, actor = operator_or_user(m_operator)](Progress& p) {
    auto r = std::make_shared<AssetImportVm>(run_import(m_ws, path, actor, lang, p));
    std::string summary = r->summary;
    std::lock_guard lock(m_report_mutex);
    m_report = std::move(r);
    return summary;
  });
  if (!started) {
    m_message = tr("gui.assets.import_running", lang);
    m_message_error = true;
  }
  m_was_running = true;
}

bool AssetsPresenter::poll() {
  const bool running = m_job.state().running;
  const bool changed = running || running != m_was_running;
  m_was_running = running;
  if (changed) m_dirty = true;
  return changed;
}

const AssetsVm& AssetsPresenter::build(Lang lang) {
  poll();
  if (!m_dirty && lang == m_built_lang) return m_vm;
  m_dirty = false;
  m_built_lang = lang;
  AssetsVm vm;
  vm.type = m_type, vm.site = m_site, vm.user = m_user, vm.days = m_days;
  for (const char* t : {"desktop", "laptop", "printer", "phone", "tablet", "monitor", "switch", "access_point", "router",
                        "server", "other"})
    vm.types.emplace_back(t, tr(std::string("cli.asset.type.") + t, lang));
  const Job::State st = m_job.state();
  if (st.running) {
    vm.import.running = true;
    vm.import.progress = st.progress;
    vm.import.progress_text = st.message;
  } else {
    std::lock_guard lock(m_report_mutex);
    if (m_report) vm.import = *m_report;
    else if (st.failed) vm.import = {false, -1, {}, true, true, st.message};
  }
  m_tickets.ensure_open();
  if (!m_tickets.desk()) {
    vm.error = tr("gui.assets.unavailable", lang);
  } else {
    vm.available = true;
    build_list(vm, lang);
    build_card(vm, lang);
  }
  vm.message = m_message.empty() ? vm.message : m_message;
  vm.message_error = vm.message_error || m_message_error;
  m_vm = std::move(vm);
  return m_vm;
}

void AssetsPresenter::build_list(AssetsVm& vm, Lang lang) {
  workspace::AssetQuery q;
  if (!m_type.empty()) {
    if (auto t = sv::parse_asset_type(m_type)) q.filter.type = *t;
  }
  if (!m_site.empty()) q.filter.site = m_site;
  if (!m_user.empty()) q.filter.user = m_user;
  if (!m_days.empty()) {
    char* end = nullptr;
    const long n = std::strtol(m_days.c_str(), &end, 10);
    if (*end || n < 0 || m_days.size() > 5) {
      vm.message = say("gui.assets.bad_days", lang, {m_days});
      vm.message_error = true;
      return;
    }
    q.warranty_within_days = static_cast<int>(n);
  }
  std::vector<sv::Asset> assets;
  if (auto e = m_tickets.desk()->list_assets(q, assets); !e.ok()) {
    vm.message = e.message;
    vm.message_error = true;
    return;
  }
  const sv::Date today = m_tickets.desk()->today();
  for (const auto& a : assets) {
    AssetRowVm r;
    r.tag = a.tag;
    r.type = tr("cli.asset.type." + std::string(sv::name(a.type)), lang);
    r.model = a.manufacturer + (a.manufacturer.empty() || a.model.empty() ? "" : " ") + a.model;
    r.user = a.user;
    r.site = a.site;
    if (a.warranty_end) {
      r.warranty = date_text(*a.warranty_end, lang);
      r.under_warranty = !(*a.warranty_end < today);
    }
    r.selected = a.tag == m_selected;
    vm.rows.push_back(std::move(r));
  }
  vm.count = say("gui.assets.count", lang, {std::to_string(vm.rows.size())});
}

void AssetsPresenter::build_card(AssetsVm& vm, Lang lang) {
  if (m_selected.empty()) return;
  workspace::AssetView v;
  if (auto e = m_tickets.desk()->get_asset(m_selected, v); !e.ok()) {
    vm.message = e.message;
    vm.message_error = true;
    return;
  }
  AssetCardVm& c = vm.card;
  c.open = true;
  c.tag = v.asset.tag;
  c.title = v.asset.tag + " · " + tr("cli.asset.type." + std::string(sv::name(v.asset.type)), lang);
  for (const auto& f : sv::asset_fields()) {
    std::string value = sv::asset_field_text(v.asset, f);
    if (f == "type" || value.empty()) continue;
    if (f == "status") value = tr("cli.asset.status." + value, lang);
    c.fields.emplace_back(tr("cli.asset.field." + f, lang), value);
  }
  if (v.under_warranty) c.warranty = say("cli.asset.warranty", lang, {date_text(*v.asset.warranty_end, lang)});
  for (const auto& t : v.tickets)
    c.tickets.push_back({t.number, t.number + "  " + tr("ticket.status." + std::string(sv::name(t.status)), lang) + "  " + t.title});
  const auto& cal = m_tickets.desk()->config().calendar;
  for (const auto& e : v.history) {
    std::string line = cal.format_local(e.at) + "  " + e.actor + "  ";
    if (e.kind == sv::EventKind::created) line += tr("cli.asset.created_event", lang);
    else line += workspace::asset_change_text(e, lang);
    c.history.push_back(std::move(line));
  }
}

}  // namespace diagdesk::gui
