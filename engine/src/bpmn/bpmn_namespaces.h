// The XML namespaces of BPMN models and their extensions, and the XML layer
// the BPMN reader works on.
#pragma once

#include <string_view>

#include "wf/xml_document.h"

namespace wf::bpmn {

inline constexpr std::string_view kBpmnNs = "http://www.omg.org/spec/BPMN/20100524/MODEL";
inline constexpr std::string_view kHallNs = "urn:hall:bpmn:1";
inline constexpr std::string_view kCamundaNs = "http://camunda.org/schema/1.0/bpmn";
inline constexpr std::string_view kZeebeNs = "http://camunda.org/schema/zeebe/1.0";

using xml::LocatedText;
using xml::XmlDocument;
using xml::XmlError;

}  // namespace wf::bpmn
