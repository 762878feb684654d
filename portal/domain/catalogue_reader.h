// Reads the matter catalogue (namespace urn:hall:catalogue:1, root
// <catalogue>; format in models/catalogue/README.md) from one folder of XML
// files and checks it whole: references across files (a matter's
// departments and shared materials, a theme's matters, what a situation
// option adds), unique codes, ids and process keys, well-formed codes and
// numbers, time limits that agree with the case kind. Each finding names
// file:line:col; a catalogue with any error yields nothing.
//
// Stateless functions; safe to call from any thread.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "portal/domain/catalogue.h"
#include "wf/diagnostic.h"
#include "wf/status.h"

namespace hall::domain {

inline constexpr std::string_view kCatalogueNs = "urn:hall:catalogue:1";

// Whether `xml` is a catalogue document (its root is <catalogue> in
// kCatalogueNs); a cheap look, for sorting model files.
bool isCatalogueDocument(std::string_view xml);

// One file of the catalogue: its name as diagnostics should say it, and its
// content.
struct CatalogueSource {
  std::string file;
  std::string xml;
};

struct ReadCatalogueResult {
  std::optional<Catalogue> catalogue;       // empty when there are errors
  std::vector<wf::Diagnostic> diagnostics;  // errors and warnings, in file order
};

// Reads the files as one catalogue.
ReadCatalogueResult readCatalogueSources(const std::vector<CatalogueSource>& sources);

// Every *.xml in `dir` (not its subfolders), as one catalogue.
// InvalidArgument listing the file:line:col diagnostics (also as the
// details, an array) when it has errors; Unavailable when a file cannot be
// read.
wf::Result<Catalogue> readCatalogue(const std::filesystem::path& dir);

// The findings about `file`, read with the other catalogue files of its
// folder so that its references to them resolve (what `hall lint` prints
// for a catalogue file).
std::vector<wf::Diagnostic> lintCatalogueFile(const std::filesystem::path& file);

}  // namespace hall::domain
