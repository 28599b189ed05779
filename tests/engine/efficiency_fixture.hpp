#pragma once
// A tree with a model where the optimum beats the authored order for one fault, and
// a scenario on it (tests/engine/test_training_efficiency.cpp, tests/e2e/test_train_efficiency.cpp).
// Expert path for the application fault: q_where (1 min) then a_retry (5): 6 min;
// the optimum: q_where alone (1 min).

namespace test {

// t.eff: q_where (question, 1 min): desk -> a_retry, net -> a_ping.
// a_retry (action, 5 min, a confirmation: ok and still both lead to c_app).
// a_ping (action, 2 min): fail -> c_link, ok -> c_dns.
// Priors: c_app 0.50, c_link 0.30, c_dns 0.15, other 0.05.
inline const char* eff_tree = R"(schema_version = 1
id = "t.eff"
domain = "network"
competency = 5
start = "q_where"
title = { fr = "Une appli ne se connecte plus", en = "An application no longer connects" }
symptoms = { fr = ["appli déconnectée"], en = ["application offline"] }

[model]
other = 0.05

[[nodes]]
id = "q_where"
kind = "question"
text = { fr = "Le souci est-il sur ce poste ou sur le réseau ?", en = "Is the trouble on this desk or on the network?" }
cost = { minutes = 1 }
  [[nodes.choices]]
  id = "desk"
  label = { fr = "Ce poste", en = "This desk" }
  next = "a_retry"
  [[nodes.choices]]
  id = "net"
  label = { fr = "Le réseau", en = "The network" }
  next = "a_ping"

[[nodes]]
id = "a_retry"
kind = "action"
text = { fr = "Réinitialisez l'appli et réessayez.", en = "Reset the application and retry." }
cost = { minutes = 5 }
  [[nodes.choices]]
  id = "ok"
  label = { fr = "Ça marche", en = "It works" }
  next = "c_app"
  [[nodes.choices]]
  id = "still"
  label = { fr = "Toujours pas", en = "Still not" }
  next = "c_app"

[[nodes]]
id = "a_ping"
kind = "action"
text = { fr = "Lancez un ping de la passerelle.", en = "Ping the gateway." }
cost = { minutes = 2 }
  [[nodes.choices]]
  id = "fail"
  label = { fr = "Pas de réponse", en = "No reply" }
  next = "c_link"
  [[nodes.choices]]
  id = "ok"
  label = { fr = "Répond", en = "Replies" }
  next = "c_dns"

[[nodes]]
id = "c_app"
kind = "conclusion"
prior = 0.50
diagnosis = { fr = "L'appli", en = "The application" }
remedy = [ { fr = "Réinstallez.", en = "Reinstall." } ]
outcome = "resolved"

[[nodes]]
id = "c_link"
kind = "conclusion"
prior = 0.30
diagnosis = { fr = "Le lien", en = "The link" }
remedy = [ { fr = "Rebranchez.", en = "Replug." } ]
outcome = "resolved"

[[nodes]]
id = "c_dns"
kind = "conclusion"
prior = 0.15
diagnosis = { fr = "Le DNS", en = "DNS" }
remedy = [ { fr = "Corrigez le DNS.", en = "Fix DNS." } ]
outcome = "resolved"
)";

// The hidden fault is the application; the scenario answers every step.
inline const char* eff_scenario = R"(schema_version = 1
id = "s.eff"
title = { fr = "L'appli métier", en = "The business application" }
competency = 5
difficulty = 1
tree = "t.eff"
complaint = { fr = "Mon appli ne se connecte plus.", en = "My application no longer connects." }
hidden_fault = { fr = "Le cache de l'appli est corrompu.", en = "The application's cache is corrupt." }

[context]
asset = "PC-2"
os = "Windows 11"
user = { fr = "Luc", en = "Luc" }
site = { fr = "Lyon", en = "Lyon" }

[facts]
os = "windows11"

[answers]
"t.eff:q_where" = "desk"
"t.eff:a_retry" = "ok"
"t.eff:a_ping" = "ok"

[expected]
diagnosis = "t.eff:c_app"
outcome = "resolved"
impact = "low"
urgency = "low"
)";

}  // namespace test
