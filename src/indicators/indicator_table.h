// The key indicators as a table: one entry each, with the texts the pack and
// docs/indicators.md show, the default target and the function computing its
// numbers. The entries live in a file per area (front_door.cc ...
// care_leavers.cc), beside the columns they read; the table orders them by
// reference. Adding an indicator is adding an entry to its area.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "indicators/key_indicators.h"
#include "indicators/measures.h"

namespace annexa::indicators {

struct IndicatorDef {
  std::string id;          // "assessments-in-45-days": stable, the key of the targets
  std::string reference;   // "KI-04": the place in the table
  std::string title;
  std::string definition;  // in words, with Ofsted's column headers, as the pack prints it
  std::string period;      // "six months", "snapshot", "rolling year"
  std::string unit;        // "%", "count", "per 10,000"
  std::optional<Target> default_target = std::nullopt;  // none: no RAG unless the council sets one
  std::string note = {};   // what else the docs say about it; may be empty
  bool needs_child_population = false;  // a rate: left out when the population is 0
  Measure (*compute)(const Inputs& in) = nullptr;
};

Target HigherIsBetter(double minimum, double upper);
Target LowerIsBetter(double minimum, double upper);

// Every indicator, ordered by reference.
const std::vector<IndicatorDef>& IndicatorTable();

// Each area appends its entries.
void AddFrontDoor(std::vector<IndicatorDef>* table);        // Lists 1 and 3: contacts, referrals
void AddAssessments(std::vector<IndicatorDef>* table);      // Lists 4 and 5: assessments, section 47
void AddChildrenInNeed(std::vector<IndicatorDef>* table);   // List 6
void AddChildProtection(std::vector<IndicatorDef>* table);  // List 7
void AddLookedAfter(std::vector<IndicatorDef>* table);      // List 8
void AddCareLeavers(std::vector<IndicatorDef>* table);      // List 9

}  // namespace annexa::indicators
