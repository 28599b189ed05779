// Fuzz target: a saved diagnosis session (`diagdesk diagnose --resume FILE`,
// tickets' attached sessions) parsed and replayed against the bundled
// knowledge by engine::parse_session; an accepted session is reported (the
// intervention report, both languages) and saved again, and the saved text
// must load again.
#include "fuzz_knowledge.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace diagdesk;
  static const std::shared_ptr<const engine::Knowledge> knowledge =
      engine::load_knowledge({fuzz::data_dir()}).knowledge;
  const engine::LoadedSession loaded = engine::parse_session(knowledge, fuzz::as_text(data, size), "session.toml");
  if (!loaded.session) return 0;
  const engine::Session& s = *loaded.session;
  (void)engine::render_report(s, engine::Lang::fr, loaded.info);
  (void)engine::render_report(s, engine::Lang::en, loaded.info);
  (void)s.how(engine::Lang::fr);
  const std::string saved = engine::session_to_toml(s, loaded.info);
  const engine::LoadedSession again = engine::parse_session(knowledge, saved, "again.toml");
  if (!again.session) {
    std::fprintf(stderr, "%s\n", again.error.c_str());
    fuzz::broken("a session saved by session_to_toml does not load again");
  }
  return 0;
}
