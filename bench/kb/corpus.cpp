// Generated help-desk corpus (see corpus.hpp).

#include "corpus.hpp"

#include <diagdesk/kb/text.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <functional>

namespace kbbench {

std::uint64_t Rng::next() {
  std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

namespace {

using Words = std::vector<std::string>;

// Each list is aligned across languages: entry i of the French list
// translates entry i of the English one.
struct Vocab {
  Words devices, symptoms, events, causes, actions, places, adjectives;
  Words sentences;  // templates: {d} device, {s} symptom, {e} event, {c} cause, {a} action,
                    // {p} place, {j} adjective, {w} long-tail word, {x} command, {k} code
  Words headings;
  Words query_words;
};

const Vocab& vocab(int lang) {
  static const Vocab fr{
      {"l'imprimante", "le poste de travail", "l'ordinateur portable", "le serveur de fichiers",
       "la box internet", "le routeur", "le commutateur", "le NAS", "l'écran", "la station d'accueil",
       "le scanner", "le téléphone IP", "le smartphone", "la tablette", "le contrôleur de domaine",
       "le client de messagerie", "le navigateur", "le VPN", "la borne Wi-Fi", "le disque dur",
       "la carte réseau", "le clavier", "la souris", "l'onduleur", "le copieur multifonction"},
      {"ne s'allume plus", "est très lent", "n'imprime plus", "perd la connexion",
       "affiche un écran bleu", "reste bloqué au démarrage", "ne trouve pas le réseau",
       "refuse le mot de passe", "redémarre sans arrêt", "fait un bruit anormal",
       "n'obtient pas d'adresse IP", "affiche une erreur de certificat", "ne synchronise plus",
       "chauffe beaucoup", "se déconnecte du Wi-Fi", "n'affiche rien", "ne reçoit plus de courriels",
       "indique un compte verrouillé", "refuse la mise à jour", "n'accède plus au partage"},
      {"après une mise à jour", "depuis le déménagement", "après une coupure de courant",
       "depuis ce matin", "après l'installation d'un logiciel", "au retour de congés",
       "après le changement de mot de passe", "depuis l'ajout d'une barrette de mémoire",
       "après une chute", "depuis la migration"},
      {"le pilote est obsolète", "le serveur DHCP ne répond pas", "le câble est endommagé",
       "la stratégie de groupe n'est pas appliquée", "le certificat a expiré",
       "le disque est presque plein", "le service d'impression est arrêté",
       "le compte est verrouillé dans l'annuaire", "la mémoire vive est défectueuse",
       "le pare-feu bloque le port", "l'horloge du poste est fausse", "un logiciel malveillant tourne",
       "la batterie est usée", "le profil utilisateur est corrompu", "le DNS renvoie une mauvaise adresse"},
      {"redémarrez le service", "mettez à jour le pilote", "vérifiez le câble réseau",
       "videz le cache du navigateur", "réinitialisez le mot de passe", "libérez de l'espace disque",
       "lancez une analyse antivirus", "forcez l'application des stratégies",
       "remplacez la pièce défectueuse", "restaurez la sauvegarde", "réinstallez l'application",
       "déverrouillez le compte", "renouvelez le bail DHCP", "corrigez l'heure du poste",
       "escaladez au niveau 2"},
      {"au siège", "dans l'agence", "en télétravail", "à l'accueil", "en salle de réunion",
       "dans l'atelier", "au service comptabilité"},
      {"intermittent", "général", "isolé", "critique", "mineur", "récurrent"},
      {"L'utilisateur signale que {d} {s} {e}.",
       "Le problème est {j} et touche plusieurs postes {p}.",
       "Dans la plupart des cas, {c}.",
       "Avant toute intervention, {a} puis testez de nouveau.",
       "Ouvrez une invite de commandes et exécutez `{x}` pour vérifier la configuration.",
       "Le journal des événements indique l'erreur {k}.",
       "Si {d} {s}, {a}.",
       "Notez la référence {w} et le numéro de série dans le ticket.",
       "Le module {w} peut aussi provoquer ce symptôme lorsque {c}.",
       "Vérifiez que le paramètre {w} est activé sur {d}.",
       "Demandez à l'utilisateur depuis quand {d} {s}.",
       "Une fois la cause identifiée, {a} et documentez la solution dans la base de connaissances.",
       "Le correctif {k} résout ce défaut sur la version {w}.",
       "Contrôlez l'état de {d} avec l'outil {w} avant de fermer le ticket."},
      {"## Symptômes", "## Cause", "## Résolution", "## Vérification", "## Contournement"},
      {"imprimante", "imprimnte", "reseau lent", "réseau", "mot de passe expiré", "mdp", "wifi",
       "écran bleu", "ecran noir", "ne démarre pas", "l'ordinateur", "compte verrouillé",
       "mise a jour", "certificat expiré", "courriel", "pare-feu", "disque plein", "connexion",
       "partage réseau", "pilote", "sauvegarde", "bruit", "batterie", "vpn", "dhcp", "annuaire"}};
  static const Vocab en{
      {"the printer", "the workstation", "the laptop", "the file server", "the internet box",
       "the router", "the switch", "the NAS", "the monitor", "the docking station", "the scanner",
       "the IP phone", "the smartphone", "the tablet", "the domain controller", "the mail client",
       "the browser", "the VPN", "the Wi-Fi access point", "the hard drive", "the network adapter",
       "the keyboard", "the mouse", "the UPS", "the multifunction copier"},
      {"does not power on", "is very slow", "no longer prints", "keeps losing the connection",
       "shows a blue screen", "hangs at startup", "cannot find the network", "rejects the password",
       "restarts over and over", "makes a strange noise", "gets no IP address",
       "shows a certificate error", "stopped syncing", "runs very hot", "drops off the Wi-Fi",
       "displays nothing", "no longer receives email", "reports a locked account",
       "refuses the update", "cannot reach the share"},
      {"after an update", "since the office move", "after a power cut", "since this morning",
       "after installing some software", "after the holidays", "after the password change",
       "since a memory module was added", "after a fall", "since the migration"},
      {"the driver is outdated", "the DHCP server does not answer", "the cable is damaged",
       "the group policy is not applied", "the certificate has expired", "the disk is almost full",
       "the print spooler is stopped", "the account is locked in the directory",
       "the RAM is faulty", "the firewall blocks the port", "the computer's clock is wrong",
       "malware is running", "the battery is worn out", "the user profile is corrupt",
       "DNS returns a wrong address"},
      {"restart the service", "update the driver", "check the network cable",
       "clear the browser cache", "reset the password", "free up disk space", "run an antivirus scan",
       "force the policies to apply", "replace the faulty part", "restore the backup",
       "reinstall the application", "unlock the account", "renew the DHCP lease",
       "fix the computer's time", "escalate to level 2"},
      {"at head office", "in the branch", "working from home", "at reception", "in the meeting room",
       "in the workshop", "in the accounting department"},
      {"intermittent", "site-wide", "isolated", "critical", "minor", "recurring"},
      {"The user reports that {d} {s} {e}.",
       "The problem is {j} and affects several computers {p}.",
       "In most cases, {c}.",
       "Before anything else, {a} and test again.",
       "Open a command prompt and run `{x}` to check the configuration.",
       "The event log shows error {k}.",
       "If {d} {s}, {a}.",
       "Write down reference {w} and the serial number in the ticket.",
       "The {w} module can also cause this symptom when {c}.",
       "Check that the {w} setting is enabled on {d}.",
       "Ask the user since when {d} {s}.",
       "Once the cause is known, {a} and document the fix in the knowledge base.",
       "Hotfix {k} resolves this defect on version {w}.",
       "Check the state of {d} with the {w} tool before closing the ticket."},
      {"## Symptoms", "## Cause", "## Resolution", "## Verification", "## Workaround"},
      {"printer", "pinter", "slow network", "network", "password expired", "pwd", "wifi",
       "blue screen", "black screen", "does not boot", "the computer", "account locked",
       "windows update", "certificate expired", "email", "firewall", "disk full", "connection",
       "network share", "driver", "backup", "noise", "battery", "vpn", "dhcp", "active directory"}};
  return lang == 0 ? fr : en;
}

const Words commands = {"ipconfig /all", "ping 8.8.8.8", "nslookup intranet", "tracert 192.168.1.1",
                        "gpupdate /force", "gpresult /r", "sfc /scannow", "chkdsk C: /f",
                        "Get-NetIPConfiguration", "Test-ComputerSecureChannel", "net user jdupont /domain",
                        "ip a", "systemctl status cups", "netsh wlan show interfaces", "certutil -verify"};
const Words domains = {"hardware", "os", "network", "directory", "office", "security", "service"};

std::string error_code(Rng& rng) {
  static const char* hex = "0123456789ABCDEF";
  switch (rng.below(4)) {
    case 0: {
      std::string c = "0x8007";
      for (int i = 0; i < 4; ++i) c += hex[rng.below(16)];
      return c;
    }
    case 1: return "KB50" + std::to_string(10000 + rng.below(89999));
    case 2: return std::to_string(4600 + rng.below(400));  // event IDs
    default: {
      static const Words named = {"ERR_CERT_DATE_INVALID", "ERR_NAME_NOT_RESOLVED", "DRIVER_IRQL_NOT_LESS_OR_EQUAL",
                                  "CRITICAL_PROCESS_DIED", "ERR_CONNECTION_TIMED_OUT", "STATUS_LOGON_FAILURE"};
      return named[rng.below(named.size())];
    }
  }
}

// Pseudo-words built from syllables that sound French or English.
std::string make_word(Rng& rng, int lang) {
  static const Words fr_syl = {"ca", "ré", "ti", "on", "mé", "lu", "por", "teur", "ga", "ble", "ment",
                               "ré", "si", "dé", "pla", "quet", "vi", "sion", "ro", "bé", "ju", "tan"};
  static const Words en_syl = {"ca", "re", "ti", "on", "mer", "lu", "port", "er", "ga", "ble", "ment",
                               "sy", "di", "pla", "ket", "vi", "sion", "ro", "ber", "ju", "tan", "ing"};
  const Words& syl = lang == 0 ? fr_syl : en_syl;
  std::string w;
  std::size_t n = 2 + rng.below(3);
  for (std::size_t i = 0; i < n; ++i) w += syl[rng.below(syl.size())];
  return w;
}

std::string fill(const std::string& tmpl, Rng& rng, const Vocab& v, const std::string& device,
                 const std::string& symptom, const std::string& cause,
                 const std::function<std::string()>& tail) {
  std::string out;
  for (std::size_t i = 0; i < tmpl.size(); ++i) {
    if (tmpl[i] != '{' || i + 2 >= tmpl.size() || tmpl[i + 2] != '}') {
      out += tmpl[i];
      continue;
    }
    char slot = tmpl[i + 1];
    i += 2;
    switch (slot) {
      case 'd': out += rng.below(3) ? device : rng.pick(v.devices); break;
      case 's': out += rng.below(3) ? symptom : rng.pick(v.symptoms); break;
      case 'c': out += rng.below(2) ? cause : rng.pick(v.causes); break;
      case 'e': out += rng.pick(v.events); break;
      case 'a': out += rng.pick(v.actions); break;
      case 'p': out += rng.pick(v.places); break;
      case 'j': out += rng.pick(v.adjectives); break;
      case 'w': out += tail(); break;
      case 'x': out += rng.pick(commands); break;
      case 'k': out += error_code(rng); break;
      default: out += slot;
    }
  }
  return out;
}

std::string capitalise(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] -= 32;
  return s;
}

}  // namespace

namespace {

// The words of a Debian word list (wfrench, wamerican): one per line, proper
// nouns and possessives left out; empty when the list is not installed.
Words dictionary(const char* path) {
  Words out;
  std::ifstream in(path);
  std::string w;
  while (std::getline(in, w)) {
    if (w.size() < 2 || (w[0] >= 'A' && w[0] <= 'Z') || w.find('\'') != std::string::npos) continue;
    out.push_back(w);
  }
  return out;
}

}  // namespace

CorpusGenerator::CorpusGenerator(std::uint64_t seed) {
  Rng rng(seed);
  // Real words of each language, in a shuffled (but fixed) frequency order,
  // drawn with Zipf's law (s = 1): a few words are common, most are rare, as
  // in real text. Generated syllables only when the word lists are missing.
  const char* lists[2] = {"/usr/share/dict/french", "/usr/share/dict/american-english"};
  for (int lang = 0; lang < 2; ++lang) {
    m_tail[lang] = dictionary(lists[lang]);
    if (m_tail[lang].size() < 10000) {
      m_tail[lang].clear();
      for (int i = 0; i < 40000; ++i) m_tail[lang].push_back(make_word(rng, lang));
      m_vocabulary += std::string(m_vocabulary.empty() ? "" : ", ") + "generated syllables (" + lists[lang] +
                      " missing: scripts/deps.sh bench)";
    } else {
      for (std::size_t i = m_tail[lang].size() - 1; i > 0; --i) std::swap(m_tail[lang][i], m_tail[lang][rng.below(i + 1)]);
      m_vocabulary += std::string(m_vocabulary.empty() ? "" : ", ") + lists[lang] + " (" +
                      std::to_string(m_tail[lang].size()) + " words)";
    }
    double sum = 0;
    m_zipf[lang].reserve(m_tail[lang].size());
    for (std::size_t i = 1; i <= m_tail[lang].size(); ++i) m_zipf[lang].push_back(sum += 1.0 / static_cast<double>(i));
    for (double& z : m_zipf[lang]) z /= sum;
  }
}

std::string CorpusGenerator::tail_word(Rng& rng, int lang) const {
  const auto& zipf = m_zipf[lang];
  auto it = std::lower_bound(zipf.begin(), zipf.end(), rng.unit());
  std::size_t k = std::min<std::size_t>(static_cast<std::size_t>(it - zipf.begin()), zipf.size() - 1);
  return m_tail[lang][k];
}

diagdesk::kb::Article CorpusGenerator::article(std::size_t index) const {
  int lang = static_cast<int>(index % 2);
  std::size_t topic = index / 2;
  // The topic drives device/symptom/cause so both languages say the same thing.
  Rng trng(topic * 7919 + 13);
  const Vocab& v = vocab(lang);
  std::size_t dev = trng.below(v.devices.size()), sym = trng.below(v.symptoms.size()),
              ev = trng.below(v.events.size()), cau = trng.below(v.causes.size());
  std::string domain = domains[trng.below(domains.size())];
  int competency = 1 + static_cast<int>(trng.below(11));
  Rng rng(index * 104729 + 7);
  auto tail = [&] { return tail_word(rng, lang); };

  diagdesk::kb::Article a;
  a.topic = "bench." + domain + ".t" + std::to_string(topic);
  a.lang = lang == 0 ? "fr" : "en";
  a.id = a.topic + "." + a.lang;
  a.translation = a.topic + (lang == 0 ? ".en" : ".fr");
  a.title = capitalise(v.devices[dev]) + " " + v.symptoms[sym] + " " + v.events[ev];
  a.domain = domain;
  a.competency = competency;
  a.source = "bench";
  a.updated = diagdesk::kb::Date{2026, 1 + static_cast<int>(topic % 12), 1 + static_cast<int>(topic % 28)};
  a.tags = {tail(), tail(), v.query_words[trng.below(v.query_words.size())]};
  a.symptoms = {v.devices[dev] + " " + v.symptoms[sym],
                v.symptoms[trng.below(v.symptoms.size())] + " " + v.places[trng.below(v.places.size())]};
  std::string body = "# " + a.title + "\n\n";
  std::size_t sections = 3 + rng.below(3);
  for (std::size_t s = 0; s < sections; ++s) {
    body += v.headings[s % v.headings.size()] + "\n\n";
    std::size_t n = 3 + rng.below(5);
    for (std::size_t k = 0; k < n; ++k) {
      body += fill(rng.pick(v.sentences), rng, v, v.devices[dev], v.symptoms[sym], v.causes[cau], tail);
      body += k + 1 < n ? " " : "\n\n";
    }
    if (rng.below(3) == 0) body += "```\n" + rng.pick(commands) + "\n```\n\n";
    // Free text in the language's own words (a technician's notes): most of
    // the vocabulary of a real KB is there, not in the template sentences.
    std::size_t words = 15 + rng.below(31);
    std::string notes;
    for (std::size_t k = 0; k < words; ++k) notes += (k ? " " : "") + tail();
    body += capitalise(notes) + ".\n\n";
  }
  a.body = body;
  if (topic % 5 == 0) {
    Rng krng(topic);  // same codes in both languages
    a.known_error = diagdesk::kb::KnownError{v.symptoms[sym], v.causes[cau], v.actions[trng.below(v.actions.size())],
                                             v.actions[trng.below(v.actions.size())], {error_code(krng)},
                                             {"Windows 11 23H2"}};
  }
  return a;
}

std::string CorpusGenerator::query(Rng& rng) const {
  int lang = static_cast<int>(rng.below(2));
  const Vocab& v = vocab(lang);
  auto strip_article = [](const std::string& s) {
    auto sp = s.find(' ');
    auto ap = s.find('\'');
    if (ap != std::string::npos && ap < 3) return s.substr(ap + 1);
    return sp != std::string::npos && sp <= 3 ? s.substr(sp + 1) : s;
  };
  switch (rng.below(8)) {
    case 0: return rng.pick(v.query_words);
    case 1: return strip_article(rng.pick(v.devices)) + " " + rng.pick(v.symptoms);
    case 2: return diagdesk::kb::fold(rng.pick(v.devices) + " " + rng.pick(v.symptoms));  // no accents
    case 3: {  // a typo in a device name
      std::string w = strip_article(rng.pick(v.devices));
      if (w.size() > 4) w.erase(1 + rng.below(w.size() - 2), 1);
      return w + " " + rng.pick(v.query_words);
    }
    case 4: {
      Rng krng(rng.below(20000));
      return error_code(krng);
    }
    case 5: {  // typing: a partial last word
      std::string w = strip_article(rng.pick(v.devices));
      return rng.pick(v.query_words) + " " + w.substr(0, std::min<std::size_t>(w.size(), 3 + rng.below(3)));
    }
    case 6: return tail_word(rng, lang) + " " + rng.pick(v.query_words);
    default: return rng.pick(v.causes);
  }
}

}  // namespace kbbench
