// Namespaces, positions and encodings of the XML layer under the BPMN reader.
#include "wf/xml_document.h"

#include <gtest/gtest.h>

namespace wf::xml {
namespace {

TEST(XmlDocument, ResolvesPrefixesThroughNestedDeclarations) {
  XmlDocument doc;
  ASSERT_FALSE(doc.parse(R"(<a:root xmlns:a="urn:one" xmlns="urn:default">
  <child/>
  <a:inner xmlns:a="urn:two" a:flag="x"><a:leaf/></a:inner>
</a:root>)"));
  const pugi::xml_node root = doc.root();
  EXPECT_EQ(doc.namespaceOf(root), "urn:one");
  EXPECT_EQ(doc.namespaceOf(root.child("child")), "urn:default");
  const pugi::xml_node inner = root.child("a:inner");
  EXPECT_TRUE(doc.is(inner, "urn:two", "inner"));
  EXPECT_FALSE(doc.is(inner, "urn:one", "inner"));
  EXPECT_TRUE(doc.is(inner.child("a:leaf"), "urn:two", "leaf"));
  EXPECT_STREQ(doc.attribute(inner, "urn:two", "flag").value(), "x");
  EXPECT_FALSE(doc.attribute(inner, "urn:one", "flag"));
}

TEST(XmlDocument, LocatesElementsAttributesAndTextAfterEntities) {
  XmlDocument doc;
  ASSERT_FALSE(doc.parse("<r>\n  <e  k = 'v1'>a &amp;&#x4E2D; b</e>\n</r>"));
  const pugi::xml_node e = doc.root().child("e");
  EXPECT_EQ(doc.locationOf(e).line, 2);
  EXPECT_EQ(doc.locationOf(e).column, 3);
  const SourceLocation attr = doc.locationOf(e, e.attribute("k"));
  EXPECT_EQ(attr.line, 2);
  EXPECT_EQ(attr.column, 12);
  const LocatedText text = doc.textOf(e);
  EXPECT_EQ(text.text, "a &\xE4\xB8\xAD b");
  EXPECT_EQ(text.loc.column, 16);
  // Decoded byte offset 7 is the 'b': past "&amp;" (1 byte) and "&#x4E2D;" (3 bytes).
  EXPECT_EQ(doc.advance(text, 7).column, 16 + 16);
}

TEST(XmlDocument, SyntaxErrorsArePlaced) {
  XmlDocument doc;
  const auto error = doc.parse("<r>\n  <open>\n</r>");
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->loc.line, 3);
  EXPECT_EQ(error->message.rfind("xml: ", 0), 0u);
}

TEST(XmlDocument, Latin1DeclarationDecodesAndCountsCharacters) {
  XmlDocument doc;
  ASSERT_FALSE(
      doc.parse("<?xml version=\"1.0\" encoding=\"WINDOWS-1252\"?>\n<r n=\"\xE9\xE9\" m=\"x\"/>"));
  EXPECT_STREQ(doc.root().attribute("n").value(), "\xC3\xA9\xC3\xA9");
  EXPECT_EQ(doc.locationOf(doc.root(), doc.root().attribute("m")).column, 14);
}

TEST(XmlDocument, Utf8BomIsTolerated) {
  XmlDocument doc;
  ASSERT_FALSE(doc.parse("\xEF\xBB\xBF<r><x/></r>"));
  EXPECT_EQ(doc.locationOf(doc.root()).column, 1);
  EXPECT_EQ(doc.locationOf(doc.root().child("x")).column, 4);
}

}  // namespace
}  // namespace wf::xml
