// bench_importers: import speed on a real corpus (the GNOME help, English and
// French) and on a generated one (20,000 HTML pages), first import vs
// re-import of the unchanged corpus, and the readers alone (dry run).
//
//   bench_importers [--gnome=DIR] [--html=N] [--work=DIR] [--keep]
//
// Figures go to stdout as a table; bench/importers/README.md keeps a run.

#include <diagdesk/importers/import.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <sys/resource.h>
#include <vector>

namespace fs = std::filesystem;
using namespace diagdesk::importers;

namespace {

#ifndef DIAGDESK_GNOME_HELP
#define DIAGDESK_GNOME_HELP ""
#endif

struct Figures {
  std::string what;
  std::size_t files = 0;
  std::size_t articles = 0;
  std::uintmax_t bytes = 0;
  double seconds = 0;
  double cpu = 0;  ///< user + system seconds of this process: what the run cost, whatever else the machine does
  std::size_t failed = 0;
};

double cpu_seconds() {
  rusage u{};
  ::getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

Figures run(const std::string& what, ImportOptions o) {
  auto t0 = std::chrono::steady_clock::now();
  double c0 = cpu_seconds();
  ImportReport r = run_import(o);
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  // MB of the corpus (sources looked at), not bytes read: an unchanged
  // re-import reads nothing, yet goes through the whole corpus.
  std::uintmax_t corpus = 0;
  for (const auto& file : r.files)
    if (file.status != Status::skipped) corpus += file.bytes;
  Figures f{what, r.file_counts.total() - r.file_counts.skipped, 0, corpus, s, cpu_seconds() - c0, r.file_counts.failed};
  f.articles = r.article_counts.imported + r.article_counts.updated + r.article_counts.unchanged;
  if (!r.error.empty()) std::cerr << what << ": " << r.error << '\n';
  return f;
}

void print(const Figures& f) {
  const double mb = static_cast<double>(f.bytes) / (1024.0 * 1024.0);
  std::printf("| %-44s | %6zu | %6zu | %7.1f | %8.2f | %7.2f | %8.0f | %6.2f | %9.0f | %7.2f | %zu |\n", f.what.c_str(),
              f.files, f.articles, mb, f.seconds, f.cpu, static_cast<double>(f.files) / f.seconds, mb / f.seconds,
              static_cast<double>(f.files) / f.cpu, mb / f.cpu, f.failed);
  std::fflush(stdout);
}

// A help-desk style page: title, headings, paragraphs, a list, a table, a
// code block, links to neighbours; French or English; 2-8 KB.
std::string page(std::mt19937& rng, int i, int n) {
  static const char* en[] = {"Check the network cable and the link light of the switch port.",
                             "Restart the print spooler service, then print a test page.",
                             "If the user cannot log on, check whether the account is locked in the directory.",
                             "Run the command below and read the IPv4 address of the active adapter.",
                             "The VPN client shows an error when the UDP ports are blocked by the firewall."};
  static const char* fr[] = {"Vérifiez le câble réseau et le voyant de lien du port du commutateur.",
                             "Redémarrez le service de spouleur d'impression, puis imprimez une page de test.",
                             "Si l'utilisateur ne peut pas ouvrir de session, vérifiez que le compte n'est pas verrouillé.",
                             "Lancez la commande ci-dessous et relevez l'adresse IPv4 de la carte active.",
                             "Le client VPN affiche une erreur quand les ports UDP sont bloqués par le pare-feu."};
  bool french = i % 2;
  const char** s = french ? fr : en;
  std::uniform_int_distribution<int> pick(0, 4), paras(3, 14);
  std::string h = "<!DOCTYPE html>\n<html" + std::string(i % 4 == 0 ? (french ? " lang=\"fr\"" : " lang=\"en\"") : "") +
                  "><head><meta charset=\"utf-8\"><title>" + (french ? "Fiche " : "Procedure ") + std::to_string(i) +
                  "</title><script>var x = 1;</script><style>p { margin: 0 }</style></head>\n<body><nav><a href=\"/\">Home</a></nav>\n"
                  "<main><h1>" + (french ? "Fiche " : "Procedure ") + std::to_string(i) + "</h1>\n";
  int np = paras(rng);
  for (int p = 0; p < np; ++p) {
    h += "<h2>Step " + std::to_string(p + 1) + "</h2>\n<p>" + s[pick(rng)] + " " + s[pick(rng)] + " <b>" + s[pick(rng)] +
         "</b></p>\n";
    if (p % 3 == 0) h += "<ul><li>" + std::string(s[pick(rng)]) + "</li><li>" + s[pick(rng)] + "</li></ul>\n";
    if (p % 4 == 1) h += "<pre><code>ipconfig /all\nping 192.168.1.1</code></pre>\n";
    if (p % 5 == 2)
      h += "<table><tr><th>Code</th><th>Meaning</th></tr><tr><td>0x" + std::to_string(p) + "</td><td>" + s[pick(rng)] +
           "</td></tr></table>\n";
  }
  int next = (i + 1) % n;
  h += "<p>See <a href=\"../d" + std::to_string(next / 100) + "/page" + std::to_string(next) + ".html\">the next page</a>.</p>\n";
  h += "</main><footer>Intranet</footer></body></html>\n";
  return h;
}

}  // namespace

int main(int argc, char** argv) {
  fs::path gnome = DIAGDESK_GNOME_HELP;
  int html_files = 20000;
  fs::path work;
  bool keep = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a.starts_with("--gnome=")) gnome = a.substr(8);
    else if (a.starts_with("--html=")) html_files = std::atoi(a.c_str() + 7);
    else if (a.starts_with("--work=")) work = a.substr(7);
    else if (a == "--keep") keep = true;
    else {
      std::cerr << "usage: bench_importers [--gnome=DIR/usr/share/help] [--html=N] [--work=DIR] [--keep]\n";
      return 2;
    }
  }
  if (work.empty()) {
    std::string tmpl = (fs::temp_directory_path() / "bench-importers-XXXXXX").string();
    work = ::mkdtemp(tmpl.data());
  }
  fs::create_directories(work);
  std::printf("| %-44s | %6s | %6s | %7s | %8s | %7s | %8s | %6s | %9s | %7s | %s |\n", "run", "files", "arts",
              "MB", "wall s", "CPU s", "files/s", "MB/s", "files/CPUs", "MB/CPUs", "failed");
  std::printf("|%s|--------|--------|---------|----------|---------|----------|--------|-----------|---------|---|\n",
              std::string(46, '-').c_str());

  if (fs::exists(gnome / "C/gnome-help") && fs::exists(gnome / "fr/gnome-help")) {
    ImportOptions o;
    o.inputs = {gnome / "C/gnome-help", gnome / "fr/gnome-help"};
    o.target = work / "kb-gnome";
    fs::remove_all(o.target);
    ImportOptions dry = o;
    dry.dry_run = true;
    print(run("GNOME help en+fr: readers only (dry run)", dry));
    Figures first = run("GNOME help en+fr: first import", o);
    print(first);
    Figures again = run("GNOME help en+fr: re-import, unchanged", o);
    print(again);
    std::printf("\nGNOME help re-import is %.0fx faster than the first import (wall), %.0fx (CPU)\n\n",
                first.seconds / again.seconds, first.cpu / again.cpu);
  } else {
    std::printf("(no GNOME help at %s: run tests/importers/fetch_gnome_help.sh or give --gnome=)\n\n", gnome.c_str());
  }

  if (html_files > 0) {
    fs::path src = work / "html";
    std::mt19937 rng(42);
    auto g0 = std::chrono::steady_clock::now();
    std::uintmax_t total = 0;
    for (int i = 0; i < html_files; ++i) {
      fs::path dir = src / ("d" + std::to_string(i / 100));
      if (i % 100 == 0) fs::create_directories(dir);
      std::string text = page(rng, i, html_files);
      total += text.size();
      std::ofstream(dir / ("page" + std::to_string(i) + ".html"), std::ios::binary) << text;
    }
    double gen = std::chrono::duration<double>(std::chrono::steady_clock::now() - g0).count();
    std::printf("generated %d HTML pages, %.1f MB, in %.1f s\n\n", html_files, static_cast<double>(total) / 1048576.0, gen);
    ImportOptions o;
    o.inputs = {src};
    o.target = work / "kb-html";
    fs::remove_all(o.target);
    ImportOptions dry = o;
    dry.dry_run = true;
    print(run(std::to_string(html_files) + " HTML: readers only (dry run)", dry));
    Figures first = run(std::to_string(html_files) + " HTML: first import", o);
    print(first);
    Figures again = run(std::to_string(html_files) + " HTML: re-import, unchanged", o);
    print(again);
    std::printf("\n%d HTML re-import is %.0fx faster than the first import (wall), %.0fx (CPU)\n", html_files,
                first.seconds / again.seconds, first.cpu / again.cpu);
  }
  if (!keep) fs::remove_all(work);
  return 0;
}
