// A small read-only XML DOM: the one adapter for pugixml (no other file
// includes <pugixml.hpp>). Used by the xlsx reader and the CIN census reader.
//
// Hostile input: documents with a DOCTYPE are refused (no entity expansion,
// no external entities), and parse errors carry the byte offset.
#pragma once

#include <cstddef>
#include <functional>
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
  // Several attributes in one pass over the element's attributes: values[i]
  // is Attribute(names[i]) (the first attribute of that name; empty when absent).
  template <size_t N>
  void Attributes(const std::string_view (&names)[N], std::string_view (&values)[N]) const {
    FindAttributes(names, values, N);
  }
  // Concatenated character data of the direct text children (PCDATA and
  // CDATA), whitespace kept as written.
  std::string Text() const;
  // The same appended to `out`, sparing the copy.
  void AppendText(std::string& out) const;
  // The first direct text child without copying (empty when none): for leaf
  // elements such as <v>42</v>, read per cell where a copy would cost.
  std::string_view TextView() const;
  // Concatenated character data of the whole subtree, in document order.
  std::string DeepText() const;
  // Byte offset of the element in the source document (for messages).
  size_t Offset() const;

 private:
  friend class XmlDocument;
  explicit XmlNode(void* node, const void* doc) : node_(node), doc_(doc) {}
  void FindAttributes(const std::string_view* names, std::string_view* values, size_t n) const;
  void* node_ = nullptr;       // pugi::xml_node_struct*
  const void* doc_ = nullptr;  // the owning document's state (its offset shift)
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

  // Parses a large document whose bulk is a run of sibling `item` elements
  // inside one `container` element (a worksheet's <sheetData> rows) a slice
  // of about `slice_bytes` at a time, as its bytes arrive, so neither the
  // whole text nor its DOM (~7x the text) is ever held: touching that much
  // fresh memory would dominate the parse. `visit` gets each slice's
  // container element in document order; its children are the next run of
  // items, and Offset() counts from the start of the whole document.
  // Anything unusual (no such container, a slice that does not parse alone,
  // a DOCTYPE) falls back to one whole-document parse: `visit` is then
  // called with restart = true and the complete container (null if there is
  // none), and must discard what it saw before. Errors are those of Parse;
  // an error from `visit` or `source` stops the walk and is returned.
  // A fallback holds the whole text and its DOM, so it is refused
  // (kLimitExceeded "<name>: more than 67108864 bytes of XML that cannot be
  // read a <item> at a time") past 64 MiB: a zip bomb of one endless row, or
  // of bytes that are not XML, stops there instead of at the zip's 1 GiB cap.
  using SliceVisitor = std::function<Status(XmlNode container, bool restart)>;
  using ByteSink = std::function<Status(std::string_view piece)>;
  // Feeds the document's bytes to the sink in consecutive pieces; called a
  // second time when a fallback needs pieces already consumed.
  using ByteSource = std::function<Status(const ByteSink& sink)>;
  static Status ParseInSlices(const ByteSource& source, const std::string& display_name,
                              std::string_view container, std::string_view item,
                              size_t slice_bytes, const SliceVisitor& visit);
  // The same for a document already in memory.
  static Status ParseInSlices(const std::string& bytes, const std::string& display_name,
                              std::string_view container, std::string_view item,
                              size_t slice_bytes, const SliceVisitor& visit);

 private:
  struct Impl;
  explicit XmlDocument(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace annexa::sources
