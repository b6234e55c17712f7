// A small read-only XML DOM: the one adapter for pugixml (no other file
// includes <pugixml.hpp>). Used by the xlsx reader and the CIN census reader.
//
// Hostile input: documents with a DOCTYPE are refused (no entity expansion,
// no external entities), and parse errors carry the byte offset.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"

namespace annexa::sources {

// A cheap, copyable handle to an element inside an XmlDocument; valid while
// the document lives. A default (null) node is falsy; every accessor on a
// null node returns an empty result, so chains need no checks in between.
class XmlNode {
 public:
  XmlNode() = default;
  explicit operator bool() const { return node_ != nullptr; }

  // Element name without any namespace prefix ("x:row" -> "row").
  std::string_view LocalName() const;
  // First child element / next sibling element, optionally with the given
  // local name.
  XmlNode FirstChild() const;
  XmlNode FirstChild(std::string_view local_name) const;
  XmlNode NextSibling() const;
  XmlNode NextSibling(std::string_view local_name) const;
  // Attribute value by exact (qualified) name; empty when absent.
  std::string_view Attribute(std::string_view name) const;
  bool HasAttribute(std::string_view name) const;
  // Concatenated character data of the direct text children (PCDATA and
  // CDATA), whitespace kept as written.
  std::string Text() const;
  // Concatenated character data of the whole subtree, in document order.
  std::string DeepText() const;
  // Byte offset of the element in the source document (for messages).
  size_t Offset() const;

 private:
  friend class XmlDocument;
  explicit XmlNode(void* node, const void* doc) : node_(node), doc_(doc) {}
  void* node_ = nullptr;       // pugi::xml_node_struct*
  const void* doc_ = nullptr;  // the owning XmlDocument::Impl
};

class XmlDocument {
 public:
  // Parses `bytes` (taken over, parsed in place). `display_name` names the
  // source in messages, e.g. "book.xlsx:xl/worksheets/sheet1.xml".
  // kParseError "<name>: XML error at byte N: <reason>", or
  // "<name>: DOCTYPE declarations are not accepted (entity expansion)".
  static Result<XmlDocument> Parse(std::string bytes, std::string display_name);

  XmlDocument(XmlDocument&&) noexcept;
  XmlDocument& operator=(XmlDocument&&) noexcept;
  ~XmlDocument();

  XmlNode Root() const;  // the document element
  const std::string& name() const;

 private:
  struct Impl;
  explicit XmlDocument(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace annexa::sources
