#include "mapping/source_inputs.h"

#include <algorithm>
#include <map>
#include <vector>

#include "core/text.h"

namespace annexa::mapping {

namespace {

// Depth-first over the inputs; `path` holds the sources being visited, so
// an input already on it closes a cycle.
void FindCycle(const CouncilConfig& config, const std::string& name, std::vector<std::string>* path,
               std::set<std::string>* done, std::vector<std::string>* cycle) {
  if (done->count(name) || !cycle->empty()) return;
  path->push_back(name);
  for (const std::string& in : config.sources.at(name).inputs) {
    auto on_path = std::find(path->begin(), path->end(), in);
    if (on_path != path->end()) {
      cycle->assign(on_path, path->end());
      cycle->push_back(in);
      return;
    }
    FindCycle(config, in, path, done, cycle);
    if (!cycle->empty()) return;
  }
  path->pop_back();
  done->insert(name);
}

}  // namespace

void ResolveSourceInputs(const FileReader& r, CouncilConfig* config) {
  std::vector<std::string> names;
  for (const auto& [name, s] : config->sources) names.push_back(name);
  bool any = false;
  for (auto& [name, s] : config->sources) {
    if (!s.reader || !s.reader->inputs) continue;
    s.inputs = s.reader->inputs(r, s.options, name, names);
    any = true;
  }
  if (!any) return;
  std::set<std::string> done;
  for (const auto& [name, s] : config->sources) {
    std::vector<std::string> path, cycle;
    FindCycle(*config, name, &path, &done, &cycle);
    if (cycle.empty()) continue;
    const SourceConfig& first = config->sources.at(cycle.front());
    r.Error(first.mark, "source '" + cycle.front() + "' reads itself through the sources it reads: " +
                            Join(cycle, " -> ") + " (a source cannot read its own rows; when a name in a query is " +
                            "not a table, list the tables in 'sources:')");
    for (const std::string& n : cycle) done.insert(n);  // one report per cycle
  }
}

std::set<std::string> WithInputs(const CouncilConfig& config, const std::set<std::string>& names) {
  std::set<std::string> out;
  std::vector<std::string> todo(names.begin(), names.end());
  while (!todo.empty()) {
    const std::string name = todo.back();
    todo.pop_back();
    if (!out.insert(name).second) continue;
    auto it = config.sources.find(name);
    if (it != config.sources.end()) todo.insert(todo.end(), it->second.inputs.begin(), it->second.inputs.end());
  }
  return out;
}

}  // namespace annexa::mapping
