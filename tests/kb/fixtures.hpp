#pragma once
// Shared fixtures of the kb tests: temporary folders and a small bilingual KB.

#include <diagdesk/kb/document.hpp>
#include <diagdesk/kb/file_io.hpp>
#include <diagdesk/kb/index.hpp>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace kbtest {

/// A fresh folder under $TMPDIR, removed with its contents at the end.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "diagdesk-kb-XXXXXX").string();
    if (!::mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
    m_path = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(m_path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return m_path; }
  std::filesystem::path operator/(const std::string& p) const { return m_path / p; }

  /// Writes a file (creating folders), for test setup.
  void write(const std::string& rel, const std::string& content) const {
    auto s = diagdesk::kb::write_file_atomic(m_path / rel, content);
    if (!s) throw std::runtime_error(s.message);
  }

 private:
  std::filesystem::path m_path;
};

inline diagdesk::kb::Document article(std::string id, std::string title, std::vector<std::string> symptoms,
                                      std::string body, std::string domain = "network") {
  diagdesk::kb::Document d;
  d.id = std::move(id);
  d.type = "article";
  d.lang = d.id.substr(d.id.size() - 2);
  d.topic = d.id.substr(0, d.id.size() - 3);
  d.title.get(d.lang) = std::move(title);
  d.symptoms.get(d.lang) = std::move(symptoms);
  d.body.get(d.lang) = std::move(body);
  d.domain = std::move(domain);
  d.layer = "bundled";
  return d;
}

/// A small bilingual KB: articles in both languages and two trees.
inline std::vector<diagdesk::kb::Document> sample_documents() {
  using diagdesk::kb::Document;
  std::vector<Document> docs = {
      article("net.apipa.fr", "Adresse APIPA 169.254.x.x : le poste n'a pas obtenu d'adresse DHCP",
              {"adresse 169.254", "pas d'adresse IP", "connectivité limitée"},
              "Le poste affiche une adresse **169.254.12.7** dans `ipconfig /all`. Le serveur DHCP "
              "n'a pas répondu. Vérifiez le câble et la carte réseau."),
      article("net.apipa.en", "APIPA address 169.254.x.x: the computer got no DHCP address",
              {"169.254 address", "no IP address", "limited connectivity"},
              "The computer shows an address like 169.254.12.7 in `ipconfig /all`. The DHCP server "
              "did not answer. Check the cable and the network adapter."),
      article("net.wifi_slow.fr", "Réseau Wi-Fi lent", {"le wifi rame", "connexion sans fil lente"},
              "La sécurité du réseau sans fil et l'interférence des canaux ralentissent le débit. "
              "Changez de canal sur la borne."),
      article("net.wifi_slow.en", "Slow Wi-Fi network", {"wifi is slow", "wireless connection slow"},
              "Channel interference slows the wireless throughput. Change the access point's channel."),
      article("hw.printer_offline.fr", "L'imprimante est hors ligne",
              {"mon imprimante n'imprime plus", "imprimante hors ligne"},
              "L’imprimante réseau n'accepte plus les travaux d'impression. Redémarrez le spouleur "
              "d'impression avec `net stop spooler`.",
              "hardware"),
      article("hw.printer_offline.en", "Printer shows offline",
              {"printer not printing", "printer offline"},
              "The network printer does not accept print jobs. Restart the print spooler with "
              "`net stop spooler`.",
              "hardware"),
      article("dir.locked.fr", "Compte Active Directory verrouillé (événement 4740)",
              {"compte bloqué", "mot de passe refusé"},
              "L'événement 4740 du contrôleur de domaine indique le poste source du verrouillage.",
              "directory"),
      article("dir.locked.en", "Active Directory account locked out (event 4740)",
              {"account locked", "password rejected"},
              "Event ID 4740 on the domain controller names the source computer of the lockout.",
              "directory"),
      article("os.update_0x80070005.en", "Windows Update fails with 0x80070005",
              {"update error access denied"},
              "Error 0x80070005 means access denied. Install KB5034441 after resizing the recovery "
              "partition.",
              "os"),
      article("office.cert_date.en", "Browser warning ERR_CERT_DATE_INVALID",
              {"certificate date invalid", "clock wrong"},
              "Chrome shows NET::ERR_CERT_DATE_INVALID when the computer's clock is wrong.",
              "office"),
      article("sec.password_expired.fr", "Mot de passe expiré à l'ouverture de session",
              {"mot de passe expiré", "changer le mot de passe"},
              "Windows demande de changer le mot de passe. Si le poste n'est pas sur le réseau de "
              "l'entreprise, connectez le VPN d'abord.",
              "security"),
      article("hw.screen_black.fr", "L'écran reste noir au démarrage", {"écran noir", "pas d'affichage"},
              "Vérifiez le câble vidéo et la luminosité de l'écran.", "hardware"),
  };
  Document tree;
  tree.id = "net.no_internet";
  tree.type = "tree";
  tree.lang = "both";
  tree.topic = tree.id;
  tree.title = {"Pas d'accès à Internet", "No Internet access"};
  tree.symptoms = {{"pas d'internet", "internet ne marche plus", "les pages web ne s'affichent pas"},
                   {"no internet", "internet is down", "web pages do not load"}};
  tree.domain = "network";
  tree.competency = 11;
  tree.layer = "bundled";
  docs.push_back(tree);
  Document printer = tree;
  printer.id = "hw.printer";
  printer.topic = printer.id;
  printer.title = {"L'imprimante n'imprime pas", "The printer does not print"};
  printer.symptoms = {{"impression bloquée", "l'imprimante n'imprime plus"},
                      {"printer not printing", "print jobs stuck"}};
  printer.domain = "hardware";
  printer.competency = 2;
  docs.push_back(printer);
  return docs;
}

/// Ids of the hits, in order.
inline std::vector<std::string> ids(const diagdesk::kb::SearchResults& r) {
  std::vector<std::string> out;
  for (const auto& h : r.hits) out.push_back(h.id);
  return out;
}

/// Position of `id` in the hits (1-based), 0 when absent.
inline std::size_t rank_of(const diagdesk::kb::SearchResults& r, const std::string& id) {
  for (std::size_t i = 0; i < r.hits.size(); ++i)
    if (r.hits[i].id == id) return i + 1;
  return 0;
}

/// True when `id` is among the first `n` hits.
inline bool in_top(const diagdesk::kb::SearchResults& r, const std::string& id, std::size_t n) {
  std::size_t k = rank_of(r, id);
  return k >= 1 && k <= n;
}

}  // namespace kbtest
