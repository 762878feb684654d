// The matter catalogue: the real models/catalogue reads whole (every service
// category, two themes, each process in models/processes), checklists follow
// the situation answers, and every broken reference or malformed value is
// refused at its file:line:col.
#include "portal/domain/catalogue_reader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "portal/domain/hall_layout_reader.h"
#include "support/fixtures.h"

namespace hall::domain {
namespace {

namespace fs = std::filesystem;

const fs::path kModels = fs::path(HALL_SOURCE_DIR) / "models";
constexpr const char* kFood = "00012310600001-310105000000-000-11310105MB2F1952X1-1-00";
constexpr const char* kSign = "00012350200001-310105000000-000-11310105002471001P-1-00";
constexpr const char* kFire = "00012320100001-310105000000-000-11310105MB2F3011Q2-1-00";
constexpr const char* kInvoice = "00012330100001-310105000000-000-11310105MB2F2233A7-1-00";

const Catalogue& real() {
  static const Catalogue catalogue = [] {
    wf::Result<Catalogue> read = readCatalogue(kModels / "catalogue");
    if (!read.ok()) throw std::runtime_error(read.status().message());
    return std::move(read).value();
  }();
  return catalogue;
}

std::vector<std::string> ids(const std::vector<ChecklistItem>& items) {
  std::vector<std::string> out;
  for (const ChecklistItem& i : items) out.push_back(i.material.id);
  return out;
}

const ChecklistItem* item(const std::vector<ChecklistItem>& items, const std::string& id) {
  for (const ChecklistItem& i : items) {
    if (i.material.id == id) return &i;
  }
  return nullptr;
}

TEST(Catalogue, TheRealCatalogueReadsWholeWithoutWarnings) {
  wf::Result<Catalogue> read = readCatalogue(kModels / "catalogue");
  ASSERT_TRUE(read.ok()) << read.status().message();
  for (const wf::Diagnostic& d : read->warnings()) ADD_FAILURE() << d.toString();
  EXPECT_GE(read->matters().size(), 8u);
  EXPECT_EQ(read->themes().size(), 2u);
}

TEST(Catalogue, EveryServiceCategoryOfTheHallHasAMatter) {
  const std::string hall_file = (kModels / "hall" / "changning.xml").string();
  const ReadHallLayoutResult hall = readHallLayout(hall_file, hall::test::readFile(hall_file));
  ASSERT_NE(hall.layout, nullptr);
  std::set<std::string> categories;
  for (const Matter& m : real().matters()) {
    EXPECT_NE(hall.layout->queue(m.category), nullptr) << m.code << " " << m.category;
    categories.insert(m.category);
  }
  EXPECT_EQ(categories,
            (std::set<std::string>{"commerce", "policy", "hr", "tax", "construction", "cross"}));
}

TEST(Catalogue, AMatterCarriesItsDepartmentsLimitsAndMaterials) {
  const Matter* food = real().matter(kFood);
  ASSERT_NE(food, nullptr);
  EXPECT_EQ(food->name, "食品经营许可（新办）");
  EXPECT_EQ(food->category, "cross");
  EXPECT_EQ(food->department_id, "amr");
  EXPECT_EQ(food->department_name, "长宁区市场监督管理局");
  EXPECT_EQ(food->matter_type, "行政许可");
  EXPECT_EQ(food->case_kind, "promised");
  EXPECT_EQ(food->statutory_days, 10);
  EXPECT_EQ(food->promised_days, 5);
  EXPECT_EQ(food->process_key, "matter-food-business");
  EXPECT_EQ(food->approving_departments, (std::vector<std::string>{"amr-food", "amr-station"}));
  EXPECT_TRUE(food->illustrative);
  const Material* licence = food->material("business-licence");
  ASSERT_NE(licence, nullptr);
  EXPECT_EQ(licence->source, "government");
  EXPECT_EQ(licence->elicense_type, "11100000000013127D001");
  EXPECT_EQ(licence->review_points.size(), 2u);
  ASSERT_EQ(food->questions.size(), 5u);
  EXPECT_EQ(food->questions[0].id, "cold_food");
  EXPECT_EQ(food->questions[0].options[0].adds_materials,
            std::vector<std::string>{"cold-room-plan"});
  // Situation-only materials are listed but not among the base ones.
  EXPECT_NE(food->material("cold-room-plan"), nullptr);
  EXPECT_EQ(std::count(food->base_materials.begin(), food->base_materials.end(), "cold-room-plan"),
            0);

  const Matter* invoice = real().matter(kInvoice);
  ASSERT_NE(invoice, nullptr);
  EXPECT_EQ(invoice->questions[0].option("million")->adds_approvals,
            std::vector<std::string>{"tax-inspection"});
  EXPECT_EQ(real().department("tax-inspection")->name, "长宁区税务局实地核查组");
}

TEST(Catalogue, EveryMatterAndThemeNamesAProcessInTheModels) {
  std::set<std::string> keys;
  for (const auto& e : fs::recursive_directory_iterator(kModels / "processes")) {
    if (e.path().extension() != ".bpmn") continue;
    const std::string xml = hall::test::readFile(e.path().string());
    for (size_t at = xml.find("<bpmn:process id=\""); at != std::string::npos;
         at = xml.find("<bpmn:process id=\"", at + 1)) {
      const size_t begin = at + 18;
      keys.insert(xml.substr(begin, xml.find('"', begin) - begin));
    }
  }
  for (const Matter& m : real().matters()) EXPECT_TRUE(keys.contains(m.process_key)) << m.code;
  for (const Theme& t : real().themes()) EXPECT_TRUE(keys.contains(t.process_key)) << t.id;
}

TEST(Catalogue, SearchFindsMattersAndThemesByNameOrCodeIgnoringCase) {
  const auto food = real().searchMatters("食品经营");
  ASSERT_EQ(food.size(), 1u);
  EXPECT_EQ(food[0]->code, kFood);
  EXPECT_EQ(real().searchMatters("11310105mb2f2233a7").size(), 1u);  // the tax bureau's USCC
  EXPECT_EQ(real().searchMatters("许可").size(), 3u);
  EXPECT_TRUE(real().searchMatters("结婚登记").empty());
  ASSERT_EQ(real().searchThemes("餐饮").size(), 1u);
  EXPECT_EQ(real().searchThemes("餐饮")[0]->id, "open-restaurant");
  EXPECT_EQ(real().searchThemes("OPEN-").size(), 2u);
  EXPECT_EQ(real().searchMatters("").size(), real().matters().size());
}

TEST(Catalogue, TheChecklistFollowsTheAnswers) {
  const auto plain = real().checklist(kFood, {{"cold_food", "no"},
                                              {"drinks", "no"},
                                              {"staff_hired", "no"},
                                              {"premises", "own"},
                                              {"agent", "self"}});
  ASSERT_TRUE(plain.ok()) << plain.status().message();
  EXPECT_EQ(ids(*plain), (std::vector<std::string>{"food-application", "business-licence",
                                                   "applicant-id", "food-safety-manager",
                                                   "location-map", "floor-plan", "equipment-list",
                                                   "food-safety-rules", "property-certificate"}));
  const auto full = real().checklist(kFood, {{"cold_food", "yes"},
                                             {"drinks", "yes"},
                                             {"staff_hired", "yes"},
                                             {"premises", "leased"},
                                             {"agent", "agent"},
                                             {"unrelated", "ignored"}});
  ASSERT_TRUE(full.ok()) << full.status().message();
  EXPECT_EQ(full->size(), plain->size() + 6);
  for (const char* id : {"cold-room-plan", "drink-process", "staff-health-certificates",
                         "lease-contract", "power-of-attorney", "agent-id"}) {
    EXPECT_NE(item(*full, id), nullptr) << id;
  }
}

TEST(Catalogue, ELicencesAreListedButNotToBring) {
  const auto list = real().checklist(kFood, {{"cold_food", "no"},
                                             {"drinks", "no"},
                                             {"staff_hired", "yes"},
                                             {"premises", "leased"},
                                             {"agent", "self"}});
  ASSERT_TRUE(list.ok());
  for (const char* id :
       {"business-licence", "applicant-id", "property-certificate", "staff-health-certificates"}) {
    ASSERT_NE(item(*list, id), nullptr) << id;
    EXPECT_FALSE(item(*list, id)->bring) << id;
    EXPECT_FALSE(item(*list, id)->material.elicense_type.empty()) << id;
  }
  for (const char* id : {"food-application", "lease-contract", "floor-plan"}) {
    ASSERT_NE(item(*list, id), nullptr) << id;
    EXPECT_TRUE(item(*list, id)->bring) << id;
  }
}

TEST(Catalogue, AnUnansweredOrUnknownSituationIsRefusedNamingTheQuestion) {
  const auto missing = real().checklist(kFood, {{"cold_food", "no"}, {"drinks", "no"}});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), wf::StatusCode::InvalidArgument);
  EXPECT_EQ(missing.status().message().rfind("situation.staff_hired: unanswered", 0), 0u)
      << missing.status().message();
  const auto unknown = real().checklist(kFood, {{"cold_food", "maybe"}});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().message(),
            "situation.cold_food: unknown option 'maybe' (one of yes, no)");
  EXPECT_EQ(real().checklist("no-such-matter", {}).status().code(), wf::StatusCode::NotFound);
}

TEST(Catalogue, AThemeChecklistAsksEachQuestionOnceAndListsEachMaterialOnce) {
  const Theme* restaurant = real().theme("open-restaurant");
  ASSERT_NE(restaurant, nullptr);
  EXPECT_EQ(restaurant->matter_codes, (std::vector<std::string>{kFood, kSign, kFire}));
  EXPECT_EQ(restaurant->process_key, "theme-open-restaurant");
  const auto questions = real().questions("open-restaurant");
  ASSERT_TRUE(questions.ok());
  std::vector<std::string> asked;
  for (const SituationQuestion* q : *questions) asked.push_back(q->id);
  EXPECT_EQ(asked, (std::vector<std::string>{"cold_food", "drinks", "staff_hired", "premises",
                                             "agent", "sign_size", "fire_facilities"}));

  const std::map<std::string, std::string> answers = {
      {"cold_food", "yes"},      {"drinks", "no"},   {"staff_hired", "no"},
      {"premises", "leased"},    {"agent", "agent"}, {"sign_size", "large"},
      {"fire_facilities", "yes"}};
  const auto list = real().checklist("open-restaurant", answers);
  ASSERT_TRUE(list.ok()) << list.status().message();
  const std::vector<std::string> got = ids(*list);
  EXPECT_EQ(std::set<std::string>(got.begin(), got.end()).size(), got.size());
  // Asked by all three matters, listed once, for the first that asks.
  for (const char* shared : {"business-licence", "applicant-id", "floor-plan", "lease-contract",
                             "property-certificate", "agent-id"}) {
    ASSERT_NE(item(*list, shared), nullptr) << shared;
    EXPECT_EQ(item(*list, shared)->matter_code, kFood) << shared;
  }
  EXPECT_EQ(item(*list, "structure-safety-report")->matter_code, kSign);
  EXPECT_EQ(item(*list, "fire-facility-report")->matter_code, kFire);
  EXPECT_EQ(item(*list, "commitment-letter")->matter_code, kFire);

  size_t separately = 0;
  for (const std::string& code : restaurant->matter_codes) {
    separately += real().checklist(code, answers)->size();
  }
  EXPECT_EQ(separately - got.size(), 9u);  // what the theme saves the applicant
  const auto unanswered = real().checklist("open-restaurant", {{"cold_food", "yes"}});
  EXPECT_EQ(unanswered.status().code(), wf::StatusCode::InvalidArgument);
}

// --- Broken catalogues -------------------------------------------------------

// The errors of a catalogue of one file: the shared part (lines 1-4) and
// `body`, as `hall lint` prints them.
std::vector<std::string> errorsOf(const std::string& body) {
  const std::string xml =
      "<catalogue xmlns=\"urn:hall:catalogue:1\">\n"                         // line 1
      "  <department id=\"amr\" name=\"区市场监管局\"/>\n"                   // line 2
      "  <department id=\"amr-food\" name=\"食品科\"/>\n"                    // line 3
      "  <material id=\"id-card\" name=\"身份证\" source=\"applicant\"/>\n"  // line 4
      + body + "</catalogue>\n";
  const ReadCatalogueResult r = readCatalogueSources({{"c.xml", xml}});
  std::vector<std::string> out;
  for (const wf::Diagnostic& d : r.diagnostics) out.push_back(d.toString());
  EXPECT_EQ(r.catalogue.has_value(), !wf::hasErrors(r.diagnostics));
  return out;
}

// A matter element (line 5) with the given attributes overriding the good
// ones, then `inner` and </matter>.
std::string matter(const std::string& attributes, const std::string& inner) {
  return "  <matter " + attributes + ">\n" + inner + "  </matter>\n";
}

const std::string kGood =
    "code=\"00012310600001-310105000000-000-11310105MB2F1952X1-1-00\" name=\"食品\" "
    "category=\"cross\" department=\"amr\" type=\"行政许可\" caseKind=\"promised\" "
    "statutoryDays=\"10\" promisedDays=\"5\" process=\"p\"";

TEST(CatalogueReader, AGoodMatterReadsClean) {
  EXPECT_TRUE(errorsOf(matter(kGood, "    <approval department=\"amr-food\"/>\n")).empty());
}

TEST(CatalogueReader, BrokenValuesAreRefusedAtTheirAttribute) {
  struct Case {
    std::string attributes, inner, error;
  };
  const std::string approval = "    <approval department=\"amr-food\"/>\n";
  const std::vector<Case> cases = {
      {"code=\"31-0105\" name=\"x\" category=\"cross\" department=\"amr\" type=\"行政许可\" "
       "caseKind=\"promised\" statutoryDays=\"10\" promisedDays=\"5\" process=\"p\"",
       approval,
       "c.xml:5:17: error: code of matter '31-0105' must be "
       "基本编码-区划-000-实施主体统一社会信用代码-业务办理项-情形 (14-12-3-18-1-2 digits or "
       "capitals)"},
      {kGood + " illustrative=\"yes\"", approval,
       "c.xml:5:212: error: illustrative of matter '00012310600001-310105000000-000-"
       "11310105MB2F1952X1-1-00' must be true or false, not 'yes'"},
      {"code=\"00012310600001-310105000000-000-11310105MB2F1952X1-1-00\" name=\"食品\" "
       "category=\"food\" department=\"amr\" type=\"行政许可\" caseKind=\"promised\" "
       "statutoryDays=\"10\" promisedDays=\"5\" process=\"p\"",
       approval,
       "c.xml:5:94: error: category of matter '00012310600001-310105000000-000-11310105MB2F1952X1"
       "-1-00' must be one of the hall's service queues (commerce, policy, hr, tax, "
       "construction, cross), not 'food'"},
      {"code=\"00012310600001-310105000000-000-11310105MB2F1952X1-1-00\" name=\"食品\" "
       "category=\"cross\" department=\"amr\" type=\"行政许可\" caseKind=\"promised\" "
       "statutoryDays=\"10\" promisedDays=\"12\" process=\"p\"",
       approval,
       "c.xml:5:183: error: matter '00012310600001-310105000000-000-11310105MB2F1952X1-1-00' "
       "promises 12 days, more than its statutory 10"},
      {"code=\"00012310600001-310105000000-000-11310105MB2F1952X1-1-00\" name=\"食品\" "
       "category=\"cross\" department=\"amr\" type=\"行政许可\" caseKind=\"immediate\" "
       "statutoryDays=\"ten\" promisedDays=\"0\" process=\"p\"",
       approval,
       "c.xml:5:166: error: statutoryDays of matter '00012310600001-310105000000-000-"
       "11310105MB2F1952X1-1-00' must be a whole number from 0 to 365, not 'ten'"},
      {kGood, "    <approval department=\"fire\"/>\n",
       "c.xml:6:27: error: approval 'fire' names unknown department 'fire'"},
      {kGood, approval + "    <materials>\n      <use ref=\"passport\"/>\n    </materials>\n",
       "c.xml:8:17: error: use 'passport' names unknown shared material 'passport'"},
      {kGood,
       approval + "    <materials>\n"
                  "      <material id=\"plan\" name=\"平面图\" source=\"applicant\" "
                  "elicense=\"11100000000013338W001\"/>\n"
                  "    </materials>\n",
       "c.xml:8:67: error: material 'plan' is an e-licence but its source is not government"},
      {kGood,
       approval +
           "    <situation id=\"agent\" text=\"委托？\">\n"
           "      <option id=\"yes\" label=\"是\"><adds material=\"power-of-attorney\"/></option>\n"
           "      <option id=\"no\" label=\"否\"/>\n"
           "    </situation>\n",
       "c.xml:8:50: error: adds names material 'power-of-attorney', which matter "
       "'00012310600001-310105000000-000-11310105MB2F1952X1-1-00' does not list"},
      {kGood, "",
       "c.xml:5:3: error: matter '00012310600001-310105000000-000-11310105MB2F1952X1-1-00' has "
       "no approving department"},
  };
  for (const Case& c : cases) {
    const std::vector<std::string> errors = errorsOf(matter(c.attributes, c.inner));
    ASSERT_FALSE(errors.empty()) << c.error;
    EXPECT_EQ(errors.front(), c.error);
  }
}

TEST(CatalogueReader, DuplicateCodesAndProcessKeysAreRefusedNamingTheFirst) {
  const std::string approval = "    <approval department=\"amr-food\"/>\n";
  const std::vector<std::string> errors =
      errorsOf(matter(kGood, approval) + matter(kGood, approval));  // lines 5-7, 8-10
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0],
            "c.xml:8:17: error: matter '00012310600001-310105000000-000-11310105MB2F1952X1-1-00' "
            "is defined twice (first at c.xml:5:3)");
  EXPECT_EQ(errors[1],
            "c.xml:8:195: error: process 'p' of matter "
            "'00012310600001-310105000000-000-11310105MB2F1952X1-1-00' is used twice (first at "
            "c.xml:5:3)");
}

TEST(CatalogueReader, AThemeRefusesMattersAskingOneQuestionWithDifferentOptions) {
  const std::string other =
      "code=\"00012350200001-310105000000-000-11310105002471001P-1-00\" name=\"招牌\" "
      "category=\"construction\" department=\"amr\" type=\"行政许可\" caseKind=\"promised\" "
      "statutoryDays=\"10\" promisedDays=\"5\" process=\"q\"";
  const auto premises = [](const std::string& second) {
    return "    <approval department=\"amr-food\"/>\n"
           "    <situation id=\"premises\" text=\"场所？\">\n"
           "      <option id=\"own\" label=\"自有\"/><option id=\"" +
           second + "\" label=\"其他\"/>\n    </situation>\n";
  };
  const std::vector<std::string> errors = errorsOf(
      matter(kGood, premises("leased")) + matter(other, premises("rented")) +  // lines 5-16
      "  <theme id=\"t\" name=\"主题\" promisedDays=\"5\" process=\"t\">\n"    // line 17
      "    <bundles matter=\"00012310600001-310105000000-000-11310105MB2F1952X1-1-00\"/>\n"
      "    <bundles matter=\"00012350200001-310105000000-000-11310105002471001P-1-00\"/>\n"
      "  </theme>\n");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(
      errors[0],
      "c.xml:19:22: error: situation 'premises' of matter "
      "'00012350200001-310105000000-000-11310105002471001P-1-00' offers other options than "
      "the same question of matter '00012310600001-310105000000-000-11310105MB2F1952X1-1-00'; "
      "a theme answers it once");
}

TEST(CatalogueReader, ASituationalMaterialNoOptionAddsIsAWarning) {
  const std::vector<std::string> found =
      errorsOf(matter(kGood,
                      "    <approval department=\"amr-food\"/>\n"
                      "    <materials><use ref=\"id-card\" situational=\"true\"/></materials>\n"));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0],
            "c.xml:5:3: warning: material 'id-card' of matter '00012310600001-310105000000-000-"
            "11310105MB2F1952X1-1-00' is situational but no situation option adds it");
}

TEST(CatalogueReader, ErrorsAcrossFilesNameEachFileAndWhereTheFirstDefinitionIs) {
  const fs::path dir = fs::path(hall::test::fixturePath("catalogue/broken"));
  wf::Result<Catalogue> read = readCatalogue(dir);
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.status().code(), wf::StatusCode::InvalidArgument);
  const std::string a = (dir / "a-common.xml").string();
  const std::string b = (dir / "b-matters.xml").string();
  const std::string c = (dir / "c-not-a-catalogue.xml").string();
  const std::vector<std::string> expected = {
      c + ":2:1: error: the root element is not <catalogue> of urn:hall:catalogue:1",
      b + ":9:21: error: material 'applicant-id' is defined twice (first at " + a + ":6:3)",
      b + ":6:27: error: approval 'amr-food' names unknown department 'amr-food'",
      b + ":9:7: error: material 'applicant-id' is listed twice in matter "
          "'00012310600001-310105000000-000-11310105MB2F1952X1-1-00'",
      b + ":14:22: error: bundles '00012350200001-310105000000-000-11310105002471001P-1-00' "
          "names unknown matter '00012350200001-310105000000-000-11310105002471001P-1-00'",
      b + ":12:3: error: theme 'open-restaurant' bundles fewer than 2 matters",
  };
  std::string want = "the catalogue in " + dir.string() + " has errors:";
  for (const std::string& e : expected) want += "\n" + e;
  EXPECT_EQ(read.status().message(), want);
  EXPECT_EQ(read.status().details().asArray().size(), expected.size());

  // What `hall lint` says about one of the files: only its own findings.
  const std::vector<wf::Diagnostic> lint = lintCatalogueFile(dir / "b-matters.xml");
  ASSERT_EQ(lint.size(), 5u);
  EXPECT_EQ(lint[0].toString(), expected[1]);
  EXPECT_TRUE(lintCatalogueFile(dir / "a-common.xml").empty());
}

TEST(CatalogueReader, ASyntaxErrorIsPlaced) {
  const ReadCatalogueResult r = readCatalogueSources(
      {{"bad.xml", "<catalogue xmlns=\"urn:hall:catalogue:1\">\n  <department id=\"a\"\n"}});
  EXPECT_FALSE(r.catalogue);
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].file, "bad.xml");
  EXPECT_GT(r.diagnostics[0].line, 0);
}

}  // namespace
}  // namespace hall::domain
