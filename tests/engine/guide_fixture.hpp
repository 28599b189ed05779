#pragma once
// A small tree with a cost and probability model, for the guidance tests.
// Causes and priors: c_power 0.20, c_isp 0.30, c_box 0.25, c_cable 0.15,
// c_config 0.05, other 0.05. Tests: q_lights (1 min: off -> c_power,
// red -> a_sync, ok -> a_cable), a_sync (2 min: down -> c_isp, up -> c_box),
// a_cable (3 min, n2 rights: loose -> c_cable, fine -> c_config).
// Repair r_restart (4 min) fixes c_box with 0.9 and c_isp with 0.2.

namespace test {

inline const char* guide_facts = R"(schema_version = 1
[facts.device_type]
type = "enum"
values = ["laptop", "desktop"]
label = { fr = "Type d'appareil", en = "Device type" }
)";

inline const char* guide_tree = R"(schema_version = 1
id = "t.guide"
domain = "network"
competency = 5
start = "q_lights"
title = { fr = "Plus d'Internet", en = "No Internet" }
symptoms = { fr = ["plus d'internet"], en = ["no internet"] }

[model]
other = 0.05

[[model.repairs]]
id = "r_restart"
text = { fr = "Redémarrez la box.", en = "Restart the box." }
cost = { minutes = 4 }
fixes = { c_box = 0.9, c_isp = 0.2 }

[[nodes]]
id = "q_lights"
kind = "question"
text = { fr = "Quels voyants ?", en = "Which lights?" }
cost = { minutes = 1 }
  [[nodes.choices]]
  id = "off"
  label = { fr = "Éteints", en = "Off" }
  next = "c_power"
  [[nodes.choices]]
  id = "red"
  label = { fr = "Rouge", en = "Red" }
  next = "a_sync"
  [[nodes.choices]]
  id = "ok"
  label = { fr = "Normaux", en = "Normal" }
  next = "a_cable"

[[nodes]]
id = "a_sync"
kind = "action"
text = { fr = "Regardez la synchro.", en = "Check the sync." }
cost = { minutes = 2 }
  [[nodes.choices]]
  id = "down"
  label = { fr = "Pas de synchro", en = "No sync" }
  next = "c_isp"
  [[nodes.choices]]
  id = "up"
  label = { fr = "Synchro", en = "Synced" }
  next = "c_box"

[[nodes]]
id = "a_cable"
kind = "action"
text = { fr = "Vérifiez le câble.", en = "Check the cable." }
cost = { minutes = 3, rights = "n2" }
warnings = [ { kind = "electrical", text = { fr = "Débranchez d'abord.", en = "Unplug first." } } ]
  [[nodes.choices]]
  id = "loose"
  label = { fr = "Mal branché", en = "Loose" }
  next = "c_cable"
  [[nodes.choices]]
  id = "fine"
  label = { fr = "Bien branché", en = "Fine" }
  next = "c_config"

[[nodes]]
id = "c_power"
kind = "conclusion"
prior = 0.20
prior_when = [ { facts = { device_type = "laptop" }, prior = 0.40 } ]
diagnosis = { fr = "Alimentation", en = "Power" }
remedy = [ { fr = "Branchez.", en = "Plug in." } ]
outcome = "resolved"
articles = ["x.y"]

[[nodes]]
id = "c_isp"
kind = "conclusion"
prior = 0.30
diagnosis = { fr = "Opérateur", en = "ISP" }
remedy = [ { fr = "Appelez.", en = "Call." } ]
outcome = "refer_vendor"
articles = ["x.y"]

[[nodes]]
id = "c_box"
kind = "conclusion"
prior = 0.25
diagnosis = { fr = "Box", en = "Box" }
remedy = [ { fr = "Redémarrez.", en = "Restart." } ]
outcome = "resolved"
articles = ["x.y"]

[[nodes]]
id = "c_cable"
kind = "conclusion"
prior = 0.15
diagnosis = { fr = "Câble", en = "Cable" }
remedy = [ { fr = "Rebranchez.", en = "Replug." } ]
outcome = "resolved"
articles = ["x.y"]

[[nodes]]
id = "c_config"
kind = "conclusion"
prior = 0.05
diagnosis = { fr = "Configuration", en = "Configuration" }
remedy = [ { fr = "Réglez.", en = "Configure." } ]
outcome = "resolved"
articles = ["x.y"]
)";

}  // namespace test
