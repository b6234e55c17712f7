// Where annexa's own data files are: the Annex A specs, the output
// templates, the bank holidays and the submission timeline. Every command
// finds them here, so a packaged install (share/annexa/) and the source tree
// differ in one place only.
#pragma once

#include <string>

namespace annexa {

struct Resources {
  std::string specs_dir;      // annex_a_specs/: one folder per template version, codes, aliases, timeline
  std::string templates_dir;  // output_templates/: the PDF pack's look
  std::string config_dir;     // config/: bank-holidays.json (and the example configs)

  // The three folders side by side under `root` (a source tree or
  // <prefix>/share/annexa).
  static Resources Under(const std::string& root);
  // The layout of a specs folder given alone: its siblings are the other
  // two (as in the source tree and an install).
  static Resources BesideSpecs(const std::string& specs_dir);

  std::string DefaultTemplate() const { return templates_dir + "/default.yaml"; }
  std::string BankHolidays() const { return config_dir + "/bank-holidays.json"; }
  std::string Timeline() const { return specs_dir + "/timeline.yaml"; }
  std::string ValueAliases() const { return specs_dir + "/value_aliases.yaml"; }
};

// $ANNEXA_SPECS_DIR (and its siblings) when set, else the folders installed
// beside the executable (<prefix>/share/annexa/), else the source tree's.
Resources DefaultResources();

}  // namespace annexa
