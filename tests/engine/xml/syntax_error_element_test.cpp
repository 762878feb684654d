// A syntax error names the element it breaks: the id of the innermost
// element open where the parser gave up, so the modeler can mark it.
#include <gtest/gtest.h>

#include "wf/xml_document.h"

namespace wf::xml {
namespace {

struct Case {
  const char* what;
  const char* xml;
  const char* element_id;
};

TEST(XmlSyntaxError, NamesTheInnermostOpenElementWithAnId) {
  const Case cases[] = {
      {"an unclosed process", "<definitions id='d'><process id='p'><task id='t'/></definitions>",
       "p"},
      {"a broken start tag", "<definitions id='d'><process id='p'><task id='t' name=a/>", "t"},
      {"an element without id inside a process",
       "<definitions id='d'><process id='p'><extensionElements><x></extensionElements></process>",
       "p"},
      {"a closed sibling", "<definitions id='d'><process id='p'><task id='t'></task></proc>", "p"},
      {"a comment that looks like a tag",
       "<definitions id='d'><!-- <task id='c'> --><process id='p'></definitions>", "p"},
      {"a '>' inside an attribute value",
       "<definitions id='d'><process id='p'><task id='t' name='a > b'/><task id='u' name=", "u"},
      {"CDATA that looks like a tag",
       "<definitions id='d'><script id='s'><![CDATA[<task id='c'>]]></script></definitions", "d"},
      {"an attribute whose name ends in id",
       "<definitions id='d'><shape grid='x'><bounds></shape></definitions>", "d"},
      {"no element with an id", "<a><b></a>", ""},
  };
  for (const Case& c : cases) {
    XmlDocument doc;
    const std::optional<XmlError> error = doc.parse(c.xml);
    ASSERT_TRUE(error.has_value()) << c.what;
    EXPECT_EQ(error->element_id, c.element_id) << c.what << ": " << error->message;
    EXPECT_EQ(syntaxDiagnostic("m.bpmn", *error).element_id, c.element_id) << c.what;
  }
}

}  // namespace
}  // namespace wf::xml
