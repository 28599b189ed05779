// The binary knowledge cache: a flat, versioned dump of Knowledge keyed by
// the source files' path, size and modification time.
//
// [SECTION] Byte writer and reader
// [SECTION] Model values
// [SECTION] Signature, load and save
#include <diagdesk/engine/knowledge_cache.hpp>
#include <diagdesk/engine/session_file.hpp>
#include <diagdesk/base/safe_file.hpp>

#include <cstring>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace diagdesk::engine {

namespace {

// A cache holds the whole KB (the bundled one: a few MB); 256 MiB is far past it.
constexpr std::uintmax_t max_cache_bytes = 256u * 1024u * 1024u;

constexpr char magic[8] = {'D', 'D', 'K', 'C', 'A', 'C', 'H', 'E'};
constexpr std::uint32_t cache_version = 3;  // 2: the cost and probability model; 3: the gate (first, after)

// [SECTION] Byte writer and reader ---------------------------------------------------

struct Writer {
  std::string out;
  void u64(std::uint64_t v) { out.append(reinterpret_cast<const char*>(&v), sizeof v); }
  void i64(std::int64_t v) { u64(static_cast<std::uint64_t>(v)); }
  void f64(double v) {
    std::uint64_t bits = 0;
    std::memcpy(&bits, &v, sizeof v);
    u64(bits);
  }
  void str(const std::string& s) {
    u64(s.size());
    out.append(s);
  }
  void text(const LText& t) {
    str(t.fr);
    str(t.en);
  }
  void pos(const SourcePos& p) {
    str(p.file);
    i64(p.line);
    i64(p.column);
  }
  void strs(const std::vector<std::string>& v) {
    u64(v.size());
    for (const auto& s : v) str(s);
  }
  void pairs(const std::vector<std::pair<std::string, std::string>>& v) {
    u64(v.size());
    for (const auto& [a, b] : v) {
      str(a);
      str(b);
    }
  }
};

/// Reads what Writer wrote; any overrun marks the whole read as failed.
struct Reader {
  std::string_view in;
  std::size_t at = 0;
  bool ok = true;

  std::uint64_t u64() {
    std::uint64_t v = 0;
    if (at + sizeof v > in.size()) {
      ok = false;
      return 0;
    }
    std::memcpy(&v, in.data() + at, sizeof v);
    at += sizeof v;
    return v;
  }
  std::int64_t i64() { return static_cast<std::int64_t>(u64()); }
  double f64() {
    const std::uint64_t bits = u64();
    double v = 0;
    std::memcpy(&v, &bits, sizeof v);
    return v;
  }
  std::size_t count() {
    const std::uint64_t n = u64();
    // A corrupt length would otherwise allocate wildly.
    if (n > in.size()) ok = false;
    return ok ? static_cast<std::size_t>(n) : 0;
  }
  std::string str() {
    const std::size_t n = count();
    if (!ok || at + n > in.size()) {
      ok = false;
      return {};
    }
    std::string s(in.substr(at, n));
    at += n;
    return s;
  }
  LText text() {
    LText t;
    t.fr = str();
    t.en = str();
    return t;
  }
  SourcePos pos() {
    SourcePos p;
    p.file = str();
    p.line = static_cast<int>(i64());
    p.column = static_cast<int>(i64());
    return p;
  }
  std::vector<std::string> strs() {
    std::vector<std::string> v(count());
    for (auto& s : v) s = str();
    return v;
  }
  std::vector<std::pair<std::string, std::string>> pairs() {
    std::vector<std::pair<std::string, std::string>> v(count());
    for (auto& [a, b] : v) {
      a = str();
      b = str();
    }
    return v;
  }
};

// [SECTION] Model values ----------------------------------------------------------------

void put_cost(Writer& w, const StepCost& c) {
  w.f64(c.minutes);
  w.u64((c.on_site ? 1u : 0u) | (c.needs_n2 ? 2u : 0u) | (c.data_loss ? 4u : 0u) | (c.given ? 8u : 0u));
  w.pos(c.pos);
}

StepCost get_cost(Reader& r) {
  StepCost c;
  c.minutes = r.f64();
  const std::uint64_t flags = r.u64();
  c.on_site = flags & 1u;
  c.needs_n2 = flags & 2u;
  c.data_loss = flags & 4u;
  c.given = flags & 8u;
  c.pos = r.pos();
  return c;
}

void put_model(Writer& w, const TreeModel& m) {
  w.u64(m.present ? 1 : 0);
  w.f64(m.other);
  w.pos(m.pos);
  w.u64(m.repairs.size());
  for (const Repair& x : m.repairs) {
    w.str(x.id);
    w.text(x.text);
    put_cost(w, x.cost);
    w.u64(x.fixes.size());
    for (const auto& [leaf, p] : x.fixes) {
      w.str(leaf);
      w.f64(p);
    }
    w.pos(x.pos);
    w.pos(x.fixes_pos);
  }
}

TreeModel get_model(Reader& r) {
  TreeModel m;
  m.present = r.u64() != 0;
  m.other = r.f64();
  m.pos = r.pos();
  m.repairs.resize(r.count());
  for (Repair& x : m.repairs) {
    x.id = r.str();
    x.text = r.text();
    x.cost = get_cost(r);
    x.fixes.resize(r.count());
    for (auto& [leaf, p] : x.fixes) {
      leaf = r.str();
      p = r.f64();
    }
    x.pos = r.pos();
    x.fixes_pos = r.pos();
  }
  return m;
}

void put_node(Writer& w, const Node& n) {
  w.str(n.id);
  w.u64(static_cast<std::uint64_t>(n.kind));
  w.text(n.text);
  w.text(n.why);
  w.str(n.fact);
  w.str(n.input);
  w.str(n.next);
  w.str(n.dont_know);
  w.text(n.find_out);
  w.u64(n.choices.size());
  for (const Choice& c : n.choices) {
    w.str(c.id);
    w.text(c.label);
    w.pairs(c.set);
    w.str(c.next);
    w.pos(c.pos);
    w.pos(c.next_pos);
  }
  w.u64(n.commands.size());
  for (const Command& c : n.commands) {
    w.str(c.os);
    w.str(c.cmd);
  }
  w.u64(n.warnings.size());
  for (const Warning& x : n.warnings) {
    w.u64(static_cast<std::uint64_t>(x.kind));
    w.text(x.text);
  }
  w.strs(n.articles);
  w.text(n.diagnosis);
  w.u64(n.remedy.size());
  for (const LText& r : n.remedy) w.text(r);
  w.u64(static_cast<std::uint64_t>(n.outcome));
  w.str(n.jump_tree);
  w.str(n.jump_node);
  w.u64(n.prior ? 1 : 0);
  w.f64(n.prior.value_or(0));
  w.u64(n.prior_when.size());
  for (const PriorWhen& p : n.prior_when) {
    w.pairs(p.facts);
    w.f64(p.prior);
    w.pos(p.pos);
  }
  put_cost(w, n.cost);
  w.u64(n.first ? 1 : 0);
  w.strs(n.after);
  w.pos(n.gate_pos);
  w.pos(n.pos);
}

Node get_node(Reader& r) {
  Node n;
  n.id = r.str();
  n.kind = static_cast<NodeKind>(r.u64() & 3);
  n.text = r.text();
  n.why = r.text();
  n.fact = r.str();
  n.input = r.str();
  n.next = r.str();
  n.dont_know = r.str();
  n.find_out = r.text();
  n.choices.resize(r.count());
  for (Choice& c : n.choices) {
    c.id = r.str();
    c.label = r.text();
    c.set = r.pairs();
    c.next = r.str();
    c.pos = r.pos();
    c.next_pos = r.pos();
  }
  n.commands.resize(r.count());
  for (Command& c : n.commands) {
    c.os = r.str();
    c.cmd = r.str();
  }
  n.warnings.resize(r.count());
  for (Warning& x : n.warnings) {
    x.kind = static_cast<WarningKind>(r.u64() % 5);
    x.text = r.text();
  }
  n.articles = r.strs();
  n.diagnosis = r.text();
  n.remedy.resize(r.count());
  for (LText& t : n.remedy) t = r.text();
  n.outcome = static_cast<Outcome>(r.u64() % 5);  // resolved .. proposal
  n.jump_tree = r.str();
  n.jump_node = r.str();
  const bool has_prior = r.u64() != 0;
  const double prior = r.f64();
  if (has_prior) n.prior = prior;
  n.prior_when.resize(r.count());
  for (PriorWhen& p : n.prior_when) {
    p.facts = r.pairs();
    p.prior = r.f64();
    p.pos = r.pos();
  }
  n.cost = get_cost(r);
  n.first = r.u64() != 0;
  n.after = r.strs();
  n.gate_pos = r.pos();
  n.pos = r.pos();
  return n;
}

void put_rule(Writer& w, const Rule& x) {
  w.str(x.id);
  w.i64(x.salience);
  w.u64(x.when.size());
  for (const Condition& c : x.when) {
    w.str(c.fact);
    w.u64(static_cast<std::uint64_t>(c.op));
    w.strs(c.values);
    w.pos(c.pos);
  }
  w.pairs(x.assert_facts);
  w.str(x.recommend);
  w.text(x.warn);
  w.str(x.conclude);
  w.text(x.explain);
  w.pos(x.pos);
}

Rule get_rule(Reader& r) {
  Rule x;
  x.id = r.str();
  x.salience = static_cast<int>(r.i64());
  x.when.resize(r.count());
  for (Condition& c : x.when) {
    c.fact = r.str();
    c.op = static_cast<Op>(r.u64() % 10);
    c.values = r.strs();
    c.pos = r.pos();
  }
  x.assert_facts = r.pairs();
  x.recommend = r.str();
  x.warn = r.text();
  x.conclude = r.str();
  x.explain = r.text();
  x.pos = r.pos();
  return x;
}

// [SECTION] Signature, load and save -------------------------------------------------------

/// Every source file with its size and modification time, as one string.
std::string signature(const std::vector<fs::path>& paths) {
  Writer w;
  w.strs({});
  for (const auto& p : paths) w.str(p.string());
  for (const auto& f : knowledge_files(paths)) {
    std::error_code ec;
    w.str(fs::absolute(f, ec).string());
    w.u64(fs::file_size(f, ec));
    w.i64(static_cast<std::int64_t>(fs::last_write_time(f, ec).time_since_epoch().count()));
  }
  return w.out;
}

std::string serialise(const std::string& sig, const LoadResult& loaded) {
  Writer w;
  w.out.append(magic, sizeof magic);
  w.u64(cache_version);
  w.u64(schema_version);
  w.str(sig);
  const Knowledge& k = *loaded.knowledge;
  w.u64(k.facts().all().size());
  for (const auto& [key, d] : k.facts().all()) {
    w.str(d.key);
    w.u64(static_cast<std::uint64_t>(d.type));
    w.strs(d.values);
    w.text(d.label);
    w.pos(d.pos);
  }
  w.u64(k.trees().size());
  for (const Tree& t : k.trees()) {
    w.str(t.id);
    w.str(t.domain);
    w.i64(t.competency);
    w.str(t.start);
    w.text(t.title);
    w.strs(t.symptoms_fr);
    w.strs(t.symptoms_en);
    w.strs(t.tags);
    w.pos(t.pos);
    put_model(w, t.model);
    w.u64(t.nodes.size());
    for (const Node& n : t.nodes) put_node(w, n);
  }
  w.u64(k.rules().size());
  for (const Rule& r : k.rules()) put_rule(w, r);
  w.u64(loaded.diagnostics.size());
  for (const Diagnostic& d : loaded.diagnostics) {
    w.u64(static_cast<std::uint64_t>(d.severity));
    w.str(d.code);
    w.pos(d.pos);
    w.str(d.message);
  }
  return w.out;
}

std::optional<LoadResult> deserialise(std::string_view bytes, const std::string& sig) {
  if (bytes.size() < sizeof magic || std::memcmp(bytes.data(), magic, sizeof magic) != 0) return std::nullopt;
  Reader r{bytes, sizeof magic};
  if (r.u64() != cache_version || r.u64() != static_cast<std::uint64_t>(schema_version) || r.str() != sig || !r.ok) {
    return std::nullopt;
  }
  LoadResult out;
  auto k = std::make_shared<Knowledge>();
  const std::size_t facts = r.count();
  for (std::size_t i = 0; i < facts && r.ok; ++i) {
    FactDecl d;
    d.key = r.str();
    d.type = static_cast<FactType>(r.u64() % 5);
    d.values = r.strs();
    d.label = r.text();
    d.pos = r.pos();
    k->facts_mut().add(std::move(d));
  }
  const std::size_t trees = r.count();
  for (std::size_t i = 0; i < trees && r.ok; ++i) {
    Tree t;
    t.id = r.str();
    t.domain = r.str();
    t.competency = static_cast<int>(r.i64());
    t.start = r.str();
    t.title = r.text();
    t.symptoms_fr = r.strs();
    t.symptoms_en = r.strs();
    t.tags = r.strs();
    t.pos = r.pos();
    t.model = get_model(r);
    t.nodes.resize(r.count());
    for (std::size_t j = 0; j < t.nodes.size() && r.ok; ++j) {
      t.nodes[j] = get_node(r);
      t.node_index[t.nodes[j].id] = j;
    }
    k->add_tree(std::move(t));
  }
  const std::size_t rules = r.count();
  for (std::size_t i = 0; i < rules && r.ok; ++i) k->add_rule(get_rule(r));
  out.diagnostics.resize(r.count());
  for (Diagnostic& d : out.diagnostics) {
    d.severity = static_cast<Severity>(r.u64() & 1);
    d.code = r.str();
    d.pos = r.pos();
    d.message = r.str();
  }
  if (!r.ok || r.at != bytes.size()) return std::nullopt;
  // Rules were stored sorted and values canonical: finish() keeps them so.
  k->finish();
  out.knowledge = std::move(k);
  return out;
}

}  // namespace

LoadResult load_knowledge_cached(const std::vector<fs::path>& paths, const fs::path& cache, CacheUse* use) {
  if (use) *use = CacheUse::disabled;
  if (cache.empty()) return load_knowledge(paths);
  const std::string sig = signature(paths);
  {
    // Regular files only, within the limit: a FIFO or a device put in the
    // cache's place is a miss, never a hang. A cache is a few megabytes.
    std::string bytes;
    if (base::read_file(cache, bytes, max_cache_bytes)) {
      if (auto hit = deserialise(bytes, sig)) {
        if (use) *use = CacheUse::hit;
        return std::move(*hit);
      }
    }
  }
  if (use) *use = CacheUse::miss;
  LoadResult loaded = load_knowledge(paths);
  // A cache that cannot be written only costs speed next time.
  (void)write_file_atomic(cache, serialise(sig, loaded));
  return loaded;
}

}  // namespace diagdesk::engine
