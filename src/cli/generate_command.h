// `annexa generate`: a council config in, the Annex A pack out
// (pack::RunPack does the work; this reads the options and prints).
#pragma once

#include <iosfwd>
#include <string>

#include "cli/app.h"
#include "cli/pack_args.h"

namespace annexa::cli {

int RunGenerate(const ParsedArgs& args, AppContext& ctx);

// The options of a command that writes an Annex A pack (generate,
// rehearse): ReadPackArgs plus --pseudonymise and its secrets,
// --min-severity and --max-findings, --history FILE / --no-history (the
// run history: default history::DefaultHistoryPath(--out)), all checked before any work. Returns
// kExitOk, or the exit code after printing why to ctx.err.
int ReadGenerateArgs(const ParsedArgs& args, AppContext& ctx, const std::string& command, PackArgs* out);

// "Wrote <workbook>" and the other files of the pack, one a line.
void PrintWritten(const pack::PackResult& result, std::ostream& out);
// One line on `err` when a rule's findings went beyond the cap: how many
// were counted, not stored. Nothing otherwise.
void PrintNotStored(const pack::PackResult& result, std::ostream& err);
// "Recorded as run N in FILE" (or why not: args.history_note) on ctx.out,
// or on ctx.err why the run is not in the history though the pack is
// written (the exit code is the pack's).
void PrintHistory(const pack::PackResult& result, AppContext& ctx, const PackArgs& args);

}  // namespace annexa::cli
