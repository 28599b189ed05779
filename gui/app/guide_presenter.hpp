#pragma once
// Cost-aware guidance in the GUI (issue 16, docs/guidance.md): the author
// tab's simulation of the three policies (authored order, guided, optimum),
// computed off the UI thread and kept per tree; and guided mode in a
// diagnosis (app/guide_mode.cpp). The figures are the engine's
// (engine/guide_policies.hpp, the same calls `diagdesk simulate` makes).
//
//     GuidePresenter g(/*async=*/true);
//     g.apply(Intent{IntentKind::guide, "simulate", "net.no_internet"}, knowledge);
//     ... each frame: if (g.poll()) rebuild;
//     g.build_simulation(vm.author.simulation, knowledge, Lang::fr);

#include "app/background.hpp"
#include "vm/view_models.hpp"

#include <diagdesk/engine/guide_policies.hpp>
#include <diagdesk/engine/guide_session.hpp>
#include <diagdesk/engine/knowledge.hpp>
#include <diagdesk/engine/session.hpp>
#include <diagdesk/workspace/workspace.hpp>

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace diagdesk::gui {

class GuidePresenter {
 public:
  /// `async` false: every simulation runs at once, on the calling thread (tests).
  explicit GuidePresenter(bool async);
  ~GuidePresenter();  ///< stops the "all trees" run between two trees
  GuidePresenter(const GuidePresenter&) = delete;
  GuidePresenter& operator=(const GuidePresenter&) = delete;

  /// Simulation intents (IntentKind::guide). a: verb, b: tree id
  ///   simulate      the tree's three policies (cached once computed)
  ///   simulate_all  every tree with a [model], one row each, and the averages
  void apply_simulation(const Intent& intent, std::shared_ptr<const engine::Knowledge> knowledge);
  /// Picks up finished simulations; true when something new arrived.
  bool poll();
  /// True while a simulation runs.
  bool busy() const;
  /// Blocks until no simulation runs (tests).
  void wait();
  /// The simulation view of the author tab for the tree last asked for.
  void build_simulation(SimulationVm& vm, const engine::Knowledge& k, engine::Lang lang) const;
  /// The cached figures of `tree` (null until computed).
  std::shared_ptr<const engine::TreeSimulation> simulation(const std::string& tree) const;

  // Guided mode (app/guide_mode.cpp): a GuidedSession (engine/guide_session.hpp)
  // beside the authored one. While it is on, answers, "don't know" and Back go
  // to it, and the question and conclusion come from it; turning it off
  // returns to the authored session as it was.

  /// True when `tree` has a [model]: the Guided toggle shows.
  static bool has_model(const engine::Knowledge& k, const std::string& tree);
  bool guided() const { return m_guided.has_value(); }
  const engine::GuidedSession* guided_session() const { return m_guided ? &*m_guided : nullptr; }
  /// Turns guided mode on for `session` (its answers replayed as guided acts, as
  /// far as they fit) or off. Returns "" or why it could not start.
  /// The priors learned from `ws`'s closed tickets apply when there are any.
  std::string toggle(const engine::Session* session, const workspace::Workspace& ws, engine::Lang lang);
  /// Why the learned priors were not used at the last start ("" when they were, or none).
  const std::string& learn_error() const { return m_learn_error; }
  /// The operator's rights (N1 unless set): without N2, steps needing N2 are
  /// escalations. While on, the session is replayed with the new rights.
  void set_operator_n2(bool n2);
  bool operator_n2() const { return m_n2; }
  /// A new session (or none): guided mode off.
  void reset();
  void set_lang(engine::Lang lang);
  /// Guided acts while on (IntentKind answer, answer_value, dont_know, back, and
  /// IntentKind::guide "take" with b: a step id, "why"). Returns "" or the refusal in words.
  std::string act(const Intent& i, engine::Lang lang, std::int64_t now);
  /// The step to show as an authored Step: the one taken (an alternative) or the
  /// best, or the conclusion once concluded. Only while on.
  engine::Step step() const;
  /// question.guide: the toggle (when `tree` has a model), and while on the best
  /// step, the alternatives and the posterior.
  void build_guide(GuideVm& vm, const engine::Knowledge& k, const std::string& tree) const;
  /// The transcript of the guided acts (while on).
  void build_transcript(TranscriptVm& vm) const;
  /// The guided conclusion's "how" and the causes' probabilities (while on and concluded).
  void build_conclusion(ConclusionVm& c, engine::Lang lang) const;

 private:
  struct Shared {
    std::mutex mutex;
    std::map<std::string, std::shared_ptr<const engine::TreeSimulation>> done;
    std::atomic<int> all_done{0}, all_total{0};
    std::atomic<bool> all_finished{false};
    std::atomic<bool> cancel{false};
    std::atomic<std::uint64_t> serial{0};
  };
  void run(std::string key, std::function<void()> task);
  const engine::GuidedOption* chosen() const;

  std::optional<engine::GuidedSession> m_guided;
  std::shared_ptr<const engine::Knowledge> m_guided_knowledge;  ///< m_guided's (for a replay)
  std::string m_learn_error;
  std::string m_chosen;    ///< the step the operator took instead of the best ("" the best)
  bool m_why_open = false;
  bool m_n2 = false;       ///< the operator holds N2 rights (the toggle beside "Guided")
  bool m_async;
  std::shared_ptr<Shared> m_shared = std::make_shared<Shared>();
  const engine::Knowledge* m_knowledge = nullptr;  ///< the cache is for this knowledge
  std::string m_tree;
  bool m_all = false;
  std::uint64_t m_seen = 0;
  Worker m_worker;  ///< last: destroyed first
};

}  // namespace diagdesk::gui
