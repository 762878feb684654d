// The dependency rule of STYLE.md, enforced: an include that crosses a line
// fails the build's tests.
//   engine            -> std; pugixml only in the XML layer (wf/xml_document.h,
//                        src/xml) and the readers
//                        (src/bpmn, src/dmn, src/calendar); SOCI/SQLite only in
//                        src/store; OpenSSL only for the hash chain and ids
//   engine/include    -> nothing of engine/src
//   portal/domain     -> engine/include/wf only (no Poco::Net, no SQL)
//   portal/store      -> portal/domain, wf, SOCI (the portal's SQL lives here)
//   portal/documents  -> portal/domain, wf, and of the ticket printer only its
//                        font lookup, QR matrix and UTF-8 (no HTTP, no SQL)
//   portal/web        -> portal/domain, portal/documents, wf, Poco,
//                        devices/protocol and the ticket printer (it serves
//                        devices and print jobs)
//   connectors        -> wf (and their common/)
//   devices           -> nothing of ours but devices/protocol
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

namespace hall::test {
namespace {

namespace fs = std::filesystem;

const fs::path kRoot = HALL_SOURCE_DIR;

struct Include {
  std::string file;  // relative to the root
  int line;
  bool angled;
  std::string target;
};

std::vector<Include> includesUnder(const std::string& folder) {
  std::vector<Include> out;
  const fs::path dir = kRoot / folder;
  if (!fs::exists(dir)) return out;
  static const std::regex kInclude(R"(^\s*#\s*include\s*([<"])([^>"]+)[>"])");
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    const std::string ext = e.path().extension().string();
    if (!e.is_regular_file() || (ext != ".h" && ext != ".cpp")) continue;
    std::ifstream in(e.path());
    std::string text;
    int n = 0;
    while (std::getline(in, text)) {
      ++n;
      std::smatch m;
      if (std::regex_search(text, m, kInclude)) {
        out.push_back({fs::relative(e.path(), kRoot).string(), n, m[1] == "<", m[2]});
      }
    }
  }
  return out;
}

bool startsWith(const std::string& s, const std::string& p) { return s.rfind(p, 0) == 0; }

bool isStandard(const std::string& target) {
  // Standard headers have no extension and no slash; C compatibility ones
  // start with 'c'. POSIX headers used by the engine's adapters are listed.
  return target.find('.') == std::string::npos && target.find('/') == std::string::npos;
}

bool isXmlReader(const std::string& file) {
  return file == "engine/include/wf/xml_document.h" || startsWith(file, "engine/src/xml/") ||
         startsWith(file, "engine/src/bpmn/") || startsWith(file, "engine/src/dmn/") ||
         startsWith(file, "engine/src/calendar/");
}

TEST(Architecture, EngineDependsOnlyOnStdAndItsAdapterLibraries) {
  for (const Include& i : includesUnder("engine")) {
    SCOPED_TRACE(i.file + ":" + std::to_string(i.line) + " includes " + i.target);
    if (!i.angled) {
      EXPECT_FALSE(startsWith(i.target, "portal/") || startsWith(i.target, "connectors/") ||
                   startsWith(i.target, "devices/"));
      if (startsWith(i.file, "engine/include/")) {
        EXPECT_TRUE(startsWith(i.target, "wf/"));
      }
      // The runtime never sees XML: the XML layer is for the readers.
      if (startsWith(i.target, "xml/") || i.target == "wf/xml_document.h") {
        EXPECT_TRUE(isXmlReader(i.file));
      }
      continue;
    }
    if (isStandard(i.target)) continue;
    if (i.target == "pugixml.hpp") {
      EXPECT_TRUE(isXmlReader(i.file)) << "XML is read only by the XML layer and the model readers";
    } else if (startsWith(i.target, "soci/") || i.target == "sqlite3.h" ||
               i.target == "libpq-fe.h") {
      EXPECT_TRUE(startsWith(i.file, "engine/src/store/")) << "SQL lives only in src/store";
    } else if (startsWith(i.target, "openssl/")) {
      EXPECT_TRUE(i.file == "engine/src/runtime/history_chain.cpp" ||
                  i.file == "engine/src/runtime/random_id_generator.cpp");
    } else {
      ADD_FAILURE() << "the engine may not depend on " << i.target;
    }
  }
}

TEST(Architecture, OtherFoldersUseOnlyTheEnginesPublicHeaders) {
  for (const std::string folder : {"portal", "tools", "connectors", "devices"}) {
    for (const Include& i : includesUnder(folder)) {
      if (i.angled) continue;
      SCOPED_TRACE(i.file + ":" + std::to_string(i.line) + " includes " + i.target);
      // engine/src folders are private to the engine.
      for (const char* internal :
           {"model/", "bpmn/", "expr/", "runtime/", "elements/", "behaviors/", "store/"}) {
        EXPECT_FALSE(startsWith(i.target, internal));
      }
    }
  }
}

TEST(Architecture, OnlyThePortalStoreSpeaksSql) {
  for (const std::string folder : {"portal/domain", "portal/web", "portal/app", "devices"}) {
    for (const Include& i : includesUnder(folder)) {
      SCOPED_TRACE(i.file + ":" + std::to_string(i.line) + " includes " + i.target);
      EXPECT_FALSE(startsWith(i.target, "soci/") || i.target == "sqlite3.h" ||
                   i.target == "libpq-fe.h");
    }
  }
}

TEST(Architecture, PortalDomainKnowsNoHttpAndNoSql) {
  for (const Include& i : includesUnder("portal/domain")) {
    SCOPED_TRACE(i.file + ":" + std::to_string(i.line) + " includes " + i.target);
    EXPECT_FALSE(startsWith(i.target, "Poco/Net/"));
    EXPECT_FALSE(startsWith(i.target, "soci/"));
    EXPECT_FALSE(startsWith(i.target, "portal/web/") || startsWith(i.target, "web/"));
  }
}

TEST(Architecture, PortalDocumentsUseTheDomainAndThePrintersFontQrAndUtf8Only) {
  for (const Include& i : includesUnder("portal/documents")) {
    SCOPED_TRACE(i.file + ":" + std::to_string(i.line) + " includes " + i.target);
    if (i.angled) {
      EXPECT_FALSE(startsWith(i.target, "Poco/") || startsWith(i.target, "soci/"));
      continue;
    }
    EXPECT_TRUE(startsWith(i.target, "portal/domain/") ||
                startsWith(i.target, "portal/documents/") || startsWith(i.target, "wf/") ||
                i.target == "devices/ticket_printer/cjk_font_file.h" ||
                i.target == "devices/ticket_printer/qr_matrix.h" ||
                i.target == "devices/ticket_printer/utf8.h");
  }
}

TEST(Architecture, DevicesDependOnNothingOfOursButTheProtocol) {
  for (const Include& i : includesUnder("devices")) {
    if (i.angled) continue;
    SCOPED_TRACE(i.file + ":" + std::to_string(i.line) + " includes " + i.target);
    EXPECT_TRUE(startsWith(i.target, "devices/") || startsWith(i.target, "protocol/") ||
                i.target.find('/') == std::string::npos);
    EXPECT_FALSE(startsWith(i.target, "wf/"));
  }
}

}  // namespace
}  // namespace hall::test
