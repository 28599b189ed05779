// The author tab's simulation of the three policies, off the UI thread.
#include "app/guide_presenter.hpp"

#include <diagdesk/engine/i18n.hpp>

namespace diagdesk::gui {

using engine::Lang;
using engine::tr;

GuidePresenter::GuidePresenter(bool async) : m_async(async) {}

GuidePresenter::~GuidePresenter() { m_shared->cancel = true; }

void GuidePresenter::run(std::string key, std::function<void()> task) {
  if (m_async) {
    m_worker.post(std::move(key), std::move(task));
  } else {
    task();
  }
}

void GuidePresenter::apply_simulation(const Intent& i, std::shared_ptr<const engine::Knowledge> knowledge) {
  if (!knowledge) return;
  if (knowledge.get() != m_knowledge) {
    // Another load of the trees: the figures of the old one no longer hold.
    std::lock_guard lock(m_shared->mutex);
    m_shared->done.clear();
    m_knowledge = knowledge.get();
  }
  if (i.a == "simulate") {
    m_tree = i.b;
    if (simulation(m_tree) || !knowledge->find_tree(m_tree)) return;
    run("tree", [shared = m_shared, knowledge, id = m_tree] {
      if (const engine::Tree* t = knowledge->find_tree(id)) {
        auto s = std::make_shared<const engine::TreeSimulation>(engine::simulate_policies(*t));
        std::lock_guard lock(shared->mutex);
        shared->done[id] = std::move(s);
      }
      ++shared->serial;
    });
  } else if (i.a == "simulate_all") {
    if (m_all) return;  // running or done: the rows are kept
    m_all = true;
    int total = 0;
    for (const auto& t : knowledge->trees()) total += t.model.present;
    m_shared->all_total = total;
    m_shared->all_done = 0;
    run("all", [shared = m_shared, knowledge] {
      for (const auto& t : knowledge->trees()) {
        if (!t.model.present) continue;
        if (shared->cancel) return;
        bool cached = false;
        {
          std::lock_guard lock(shared->mutex);
          cached = shared->done.count(t.id) > 0;
        }
        if (!cached) {
          auto s = std::make_shared<const engine::TreeSimulation>(engine::simulate_policies(t));
          std::lock_guard lock(shared->mutex);
          shared->done[t.id] = std::move(s);
        }
        ++shared->all_done;
        ++shared->serial;
      }
      shared->all_finished = true;
      ++shared->serial;
    });
  }
}

bool GuidePresenter::poll() {
  const std::uint64_t s = m_shared->serial;
  if (s == m_seen) return false;
  m_seen = s;
  return true;
}

bool GuidePresenter::busy() const { return m_async && !m_worker.idle(); }

void GuidePresenter::wait() { m_worker.wait_idle(); }

std::shared_ptr<const engine::TreeSimulation> GuidePresenter::simulation(const std::string& tree) const {
  std::lock_guard lock(m_shared->mutex);
  auto it = m_shared->done.find(tree);
  return it == m_shared->done.end() ? nullptr : it->second;
}

namespace {

TreeSimulationVm tree_vm(const engine::Tree& t, const engine::TreeSimulation& s, Lang lang) {
  TreeSimulationVm v;
  v.tree = t.id;
  v.title = t.title.get(lang);
  v.has_model = t.model.present;
  v.causes = s.model.causes.size();
  v.tests = s.model.tests.size();
  const double opt = s.optimum.minutes;
  auto row = [&](const char* key, const engine::PolicyFigures& p, std::string name) {
    v.policies.push_back({key, std::move(name), p.minutes, p.steps, engine::policy_gap(p.minutes, opt), p.exact});
  };
  row("authored", s.authored, tr("simulate.authored", lang));
  row("guided", s.guided, tr("simulate.guided", lang));
  row("optimum", s.optimum, tr(s.optimum.exact ? "simulate.optimum" : "simulate.bound", lang));
  v.saving = engine::guided_saving(s);
  const auto cause_vm = [&](int c) {
    const auto& cause = s.model.causes[c];
    return CauseMinutesVm{cause.leaf, cause.name.get(lang), cause.prior, s.authored.cause_minutes[c],
                          c < static_cast<int>(s.guided.cause_minutes.size()) ? s.guided.cause_minutes[c] : 0.0};
  };
  for (int c : engine::slowest_causes(s, s.model.causes.size())) v.causes_minutes.push_back(cause_vm(c));
  for (std::size_t i = 0; i < v.causes_minutes.size() && i < 3; ++i) v.slowest.push_back(v.causes_minutes[i]);
  return v;
}

}  // namespace

void GuidePresenter::build_simulation(SimulationVm& vm, const engine::Knowledge& k, Lang lang) const {
  // "Running" from the results, not the worker: the last result may arrive
  // before the worker says it is idle, and no rebuild would follow.
  vm.tree = m_tree;
  if (const engine::Tree* t = k.find_tree(m_tree)) {
    if (auto s = simulation(m_tree)) {
      vm.ready = true;
      vm.current = tree_vm(*t, *s, lang);
    } else {
      vm.running = true;
    }
  }
  vm.all_requested = m_all;
  if (!m_all) return;
  const int total = m_shared->all_total;
  vm.all_ready = m_shared->all_finished;
  if (!vm.all_ready) vm.running = true;
  vm.progress = total ? static_cast<float>(m_shared->all_done) / static_cast<float>(total) : 1.0f;
  double gap_sum = 0, saving_sum = 0;
  for (const auto& t : k.trees()) {
    if (!t.model.present) continue;
    auto s = simulation(t.id);
    if (!s) continue;
    SimulationRowVm r{t.id, t.title.get(lang), s->authored.minutes, s->guided.minutes, s->optimum.minutes, s->optimum.exact,
                      engine::policy_gap(s->guided.minutes, s->optimum.minutes), engine::guided_saving(*s)};
    gap_sum += r.gap;
    saving_sum += r.saving;
    vm.all.push_back(std::move(r));
  }
  if (!vm.all.empty()) {
    vm.average_gap = gap_sum / static_cast<double>(vm.all.size());
    vm.average_saving = saving_sum / static_cast<double>(vm.all.size());
  }
}

}  // namespace diagdesk::gui
