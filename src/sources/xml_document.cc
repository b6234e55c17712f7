// The pugixml adapter. The DOM is parsed in place inside a buffer owned by
// the document, so element names, attribute values and text stay where they
// were read and XmlNode handles are plain pointers into pugixml's tree.
#include "sources/xml_document.h"

#include <algorithm>
#include <cstring>
#include <optional>
#include <utility>

#include <pugixml.hpp>

namespace annexa::sources {

namespace {

using NodeStruct = pugi::xml_node_struct;

pugi::xml_node Wrap(void* node) { return pugi::xml_node(static_cast<NodeStruct*>(node)); }

std::string_view LocalPart(const char* qualified) {
  std::string_view name(qualified);
  size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

// Whether the NUL-terminated `s` equals `expected`, without measuring `s`
// first: run for every cell's attributes and children, so it must be cheap.
bool Equals(const char* s, std::string_view expected) {
  for (char c : expected) {
    if (*s++ != c) return false;
  }
  return *s == '\0';
}

// Whether the qualified name `qualified` has the local name `local`.
bool HasLocalName(const char* qualified, std::string_view local) {
  if (Equals(qualified, local)) return true;
  const char* colon = std::strchr(qualified, ':');
  return colon && Equals(colon + 1, local);
}

// First element at or after `node` (itself included) whose local name is
// `local_name`, or any element when `local_name` is empty.
pugi::xml_node ElementFrom(pugi::xml_node node, std::string_view local_name) {
  for (; node; node = node.next_sibling()) {
    if (node.type() != pugi::node_element) continue;
    if (local_name.empty() || HasLocalName(node.name(), local_name)) return node;
  }
  return pugi::xml_node();
}

pugi::xml_attribute FindAttribute(pugi::xml_node node, std::string_view name) {
  for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
    if (Equals(a.name(), name)) return a;
  }
  return pugi::xml_attribute();
}

bool IsText(pugi::xml_node node) {
  return node.type() == pugi::node_pcdata || node.type() == pugi::node_cdata;
}

// What a node needs from its document: offset_debug() counts from the start
// of the parsed buffer, which for a slice (ParseInSlices) is not the start
// of the document.
struct DocState {
  ptrdiff_t shift = 0;
};

// Where the items of a sliceable document begin, and the tags around them.
struct Layout {
  std::string open_tag;    // "<x:sheetData>"
  std::string close_tag;   // "</x:sheetData>"
  std::string item_close;  // "</x:row>"
  size_t content_begin = 0;
};

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || c == '.';
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Finds the first <container ...> or <prefix:container ...> start tag;
// nullopt when there is none (yet), or it is an empty element.
std::optional<Layout> FindLayout(std::string_view text, std::string_view container,
                                 std::string_view item) {
  for (size_t at = text.find(container); at != std::string_view::npos;
       at = text.find(container, at + 1)) {
    size_t after = at + container.size();
    if (after >= text.size() || (text[after] != '>' && !IsSpace(text[after]))) continue;
    size_t lt = at;
    if (lt > 0 && text[lt - 1] == ':') {
      --lt;
      while (lt > 0 && IsNameChar(text[lt - 1])) --lt;
    }
    if (lt == 0 || text[lt - 1] != '<') continue;  // an end tag, or text
    size_t gt = text.find('>', after);
    if (gt == std::string_view::npos || text[gt - 1] == '/') return std::nullopt;
    std::string qname(text.substr(lt, after - lt));
    std::string prefix = qname.substr(0, qname.size() - container.size());
    Layout layout;
    layout.open_tag = "<" + qname + ">";  // attributes dropped: pugixml ignores xmlns anyway
    layout.close_tag = "</" + qname + ">";
    layout.item_close = "</" + prefix + std::string(item) + ">";
    layout.content_begin = gt + 1;
    return layout;
  }
  return std::nullopt;
}

// Whether the XML declaration names an encoding other than UTF-8. Slices
// carry no declaration and so are read as UTF-8: such a document must be
// parsed whole.
bool DeclaresOtherEncoding(std::string_view head) {
  if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);  // a UTF-8 byte order mark
  if (!head.starts_with("<?xml")) return false;
  std::string_view decl = head.substr(0, head.find("?>"));
  size_t at = decl.find("encoding");
  if (at == std::string_view::npos) return false;
  size_t open = decl.find_first_of("\"'", at);
  size_t close = open == std::string_view::npos ? open : decl.find(decl[open], open + 1);
  if (close == std::string_view::npos) return true;
  std::string value(decl.substr(open + 1, close - open - 1));
  for (char& c : value) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return value != "utf-8" && value != "utf8";
}

}  // namespace

struct XmlDocument::Impl {
  DocState state;  // XmlNode::doc_ points here
  std::string name;
  // The parsed bytes: pugixml's tree points into this buffer (parsed in
  // place), so it must live exactly as long as `doc`. Impl is heap-allocated
  // and never moved, so the buffer address is stable.
  std::string buffer;
  pugi::xml_document doc;
};

std::string_view XmlNode::LocalName() const {
  if (!node_) return {};
  return LocalPart(Wrap(node_).name());
}

XmlNode XmlNode::FirstChild() const { return FirstChild(std::string_view()); }

XmlNode XmlNode::FirstChild(std::string_view local_name) const {
  if (!node_) return {};
  pugi::xml_node found = ElementFrom(Wrap(node_).first_child(), local_name);
  return found ? XmlNode(found.internal_object(), doc_) : XmlNode();
}

XmlNode XmlNode::NextSibling() const { return NextSibling(std::string_view()); }

XmlNode XmlNode::NextSibling(std::string_view local_name) const {
  if (!node_) return {};
  pugi::xml_node found = ElementFrom(Wrap(node_).next_sibling(), local_name);
  return found ? XmlNode(found.internal_object(), doc_) : XmlNode();
}

std::string_view XmlNode::Attribute(std::string_view name) const {
  if (!node_) return {};
  pugi::xml_attribute a = FindAttribute(Wrap(node_), name);
  return a ? std::string_view(a.value()) : std::string_view();
}

void XmlNode::FindAttributes(const std::string_view* names, std::string_view* values, size_t n) const {
  std::fill(values, values + n, std::string_view());
  if (!node_) return;
  size_t left = n;
  for (pugi::xml_attribute a = Wrap(node_).first_attribute(); a && left; a = a.next_attribute()) {
    for (size_t i = 0; i < n; ++i) {
      if (values[i].data() || !Equals(a.name(), names[i])) continue;
      values[i] = std::string_view(a.value());
      --left;
      break;
    }
  }
}

bool XmlNode::HasAttribute(std::string_view name) const {
  return node_ && FindAttribute(Wrap(node_), name);
}

std::string_view XmlNode::TextView() const {
  if (!node_) return {};
  for (pugi::xml_node child = Wrap(node_).first_child(); child; child = child.next_sibling()) {
    if (IsText(child)) return child.value();
  }
  return {};
}

std::string XmlNode::Text() const {
  std::string out;
  AppendText(out);
  return out;
}

void XmlNode::AppendText(std::string& out) const {
  if (!node_) return;
  for (pugi::xml_node child = Wrap(node_).first_child(); child; child = child.next_sibling()) {
    if (IsText(child)) out += child.value();
  }
}

std::string XmlNode::DeepText() const {
  std::string out;
  if (!node_) return out;
  // Iterative pre-order walk: hostile documents may nest deeply, and the
  // parser itself is not recursive either.
  pugi::xml_node root = Wrap(node_);
  pugi::xml_node node = root.first_child();
  while (node) {
    if (IsText(node)) out += node.value();
    if (node.first_child()) {
      node = node.first_child();
      continue;
    }
    while (node && node != root && !node.next_sibling()) node = node.parent();
    if (!node || node == root) break;
    node = node.next_sibling();
  }
  return out;
}

size_t XmlNode::Offset() const {
  if (!node_) return 0;
  ptrdiff_t offset = Wrap(node_).offset_debug();
  if (offset < 0) return 0;
  if (doc_) offset += static_cast<const DocState*>(doc_)->shift;
  return offset < 0 ? 0 : static_cast<size_t>(offset);
}

namespace {

// Parses impl.buffer in place into impl.doc; the checks every document gets.
template <typename DocImpl>
Status Load(DocImpl& impl) {
  // parse_ws_pcdata_single keeps the text of <t xml:space="preserve"> </t>
  // (a lone whitespace child) while still dropping indentation between
  // elements; parse_doctype puts any DOCTYPE in the tree so we can refuse it.
  const unsigned flags = pugi::parse_default | pugi::parse_ws_pcdata_single | pugi::parse_doctype;
  pugi::xml_parse_result result =
      impl.doc.load_buffer_inplace(impl.buffer.data(), impl.buffer.size(), flags, pugi::encoding_auto);
  if (!result) {
    return ParseError(impl.name + ": XML error at byte " + std::to_string(result.offset) + ": " +
                      result.description());
  }
  // pugixml never expands user entities, but a DOCTYPE is never legitimate
  // in the formats we read and is the vehicle of entity-expansion attacks.
  for (pugi::xml_node child = impl.doc.first_child(); child; child = child.next_sibling()) {
    if (child.type() == pugi::node_doctype) {
      return ParseError(impl.name + ": DOCTYPE declarations are not accepted (entity expansion)");
    }
  }
  if (!impl.doc.document_element()) {
    return ParseError(impl.name + ": XML error at byte 0: No document element found");
  }
  return Status::Ok();
}

// One slice's parse (the fields Load needs, like XmlDocument::Impl).
struct SliceDoc {
  DocState state;
  std::string name;
  std::string buffer;
  pugi::xml_document doc;
};

// Cuts a document arriving in pieces into slices of whole items (see
// ParseInSlices), holding about one slice and one piece at a time. Each
// slice is cut after an item's end tag and wrapped in the container's tags.
// A cut inside a comment, CDATA or processing instruction leaves an
// unterminated construct, so that slice fails to parse and the document is
// parsed whole instead: a slice that parses alone parses as it would in the
// whole document.
// The most text held for a whole-document parse when slicing fails: far
// above any part that needs one (workbook, styles, a small sheet), far below
// the zip entry cap (1 GiB).
constexpr size_t kMaxUnsliced = 64u << 20;

class Slicer {
 public:
  Slicer(const std::string& name, std::string_view container, std::string_view item, size_t slice_bytes,
         std::function<Status(SliceDoc&)> visit)
      : name_(name), container_(container), item_(item), slice_bytes_(slice_bytes), visit_(std::move(visit)) {}

  static Status TooBig(const std::string& name, std::string_view item) {
    return LimitExceeded(name + ": more than " + std::to_string(kMaxUnsliced) + " bytes of XML that cannot be read a <" +
                         std::string(item) + "> at a time");
  }

  // Takes the next piece; the errors are the visitor's, and kLimitExceeded
  // when more than kMaxUnsliced bytes arrive that cannot be cut into items.
  Status Add(std::string_view piece) {
    if (state_ == State::kFailed) return Status::Ok();  // the caller will parse it whole
    pending_.append(piece);
    if (state_ == State::kHead) FindStart();
    while (state_ == State::kItems && pending_.size() - start_ > slice_bytes_) {
      // Search only bytes not searched before: an item that never ends (a
      // zip bomb of one endless row) must not cost a rescan per piece.
      size_t cut = pending_.find(layout_.item_close, std::max(start_ + slice_bytes_, searched_));
      if (cut == std::string::npos) {  // the item ends in a later piece
        searched_ = pending_.size() - std::min(pending_.size(), layout_.item_close.size() - 1);
        break;
      }
      searched_ = 0;
      ANNEXA_RETURN_IF_ERROR(VisitSlice(cut + layout_.item_close.size()));
    }
    // What cannot be sliced would be parsed whole: its text and its DOM
    // (~7x) held at once. Bound it, so a small bomb cannot take gigabytes.
    if (state_ != State::kFailed && pending_.size() - start_ > kMaxUnsliced) return TooBig(name_, item_);
    if (state_ == State::kItems && start_ > 0) {
      pending_.erase(0, start_);
      base_ += start_;
      start_ = 0;
    }
    return Status::Ok();
  }

  // After the last piece: true when every item has been visited, false when
  // the document must be parsed whole instead.
  Result<bool> Finish() {
    if (state_ != State::kItems) return false;
    size_t end = pending_.rfind(layout_.close_tag);
    if (end == std::string::npos || end < start_) return false;
    if (end > start_) ANNEXA_RETURN_IF_ERROR(VisitSlice(end));
    if (state_ != State::kItems) return false;
    // The skeleton (all but the items) must parse alone: it holds the
    // prolog and the root element.
    slice_.buffer.assign(head_);
    slice_.buffer.append(pending_, end);
    return Load(slice_).ok();
  }

  // The whole document if nothing was consumed; empty otherwise.
  std::string TakeWhole() {
    return state_ == State::kHead || state_ == State::kWhole ? std::move(pending_) : std::string();
  }

 private:
  // Cap on the text searched for the container's start tag.
  static constexpr size_t kMaxHead = 2 << 20;
  enum class State { kHead, kWhole, kItems, kFailed };

  void FindStart() {
    std::optional<Layout> layout = FindLayout(pending_, container_, item_);
    if (!layout) {
      if (pending_.size() > kMaxHead) state_ = State::kWhole;  // keep it all: parse whole
      return;
    }
    layout_ = std::move(*layout);
    head_ = pending_.substr(0, layout_.content_begin);
    // The whole-document parse refuses a DOCTYPE with the proper message.
    if (head_.find("<!DOCTYPE") != std::string::npos || DeclaresOtherEncoding(head_)) {
      state_ = State::kWhole;
      return;
    }
    start_ = layout_.content_begin;
    state_ = State::kItems;
  }

  // Parses and visits pending_[start_, cut).
  Status VisitSlice(size_t cut) {
    slice_.buffer.assign(layout_.open_tag);
    slice_.buffer.append(pending_, start_, cut - start_);
    slice_.buffer.append(layout_.close_tag);
    slice_.state.shift =
        static_cast<ptrdiff_t>(base_ + start_) - static_cast<ptrdiff_t>(layout_.open_tag.size());
    start_ = cut;
    if (!Load(slice_).ok()) {
      state_ = State::kFailed;
      std::string().swap(pending_);
      return Status::Ok();
    }
    return visit_(slice_);
  }

  const std::string& name_;
  std::string_view container_, item_;
  size_t slice_bytes_;
  size_t searched_ = 0;  // pending_ before this holds no item end past start_ + slice_bytes_
  std::function<Status(SliceDoc&)> visit_;
  State state_ = State::kHead;
  Layout layout_;
  std::string head_;     // the text before the first item
  std::string pending_;  // text not yet visited, from pending_[start_]
  size_t start_ = 0;
  size_t base_ = 0;      // document offset of pending_[0]
  SliceDoc slice_;
};

}  // namespace

Result<XmlDocument> XmlDocument::Parse(std::string bytes, std::string display_name) {
  auto impl = std::make_unique<Impl>();
  impl->name = std::move(display_name);
  impl->buffer = std::move(bytes);
  ANNEXA_RETURN_IF_ERROR(Load(*impl));
  return XmlDocument(std::move(impl));
}

Status XmlDocument::ParseInSlices(const ByteSource& source, const std::string& display_name,
                                  std::string_view container, std::string_view item,
                                  size_t slice_bytes, const SliceVisitor& visit) {
  Slicer slicer(display_name, container, item, slice_bytes, [&visit](SliceDoc& slice) {
    return visit(XmlNode(slice.doc.document_element().internal_object(), &slice.state), false);
  });
  ANNEXA_RETURN_IF_ERROR(source([&slicer](std::string_view piece) { return slicer.Add(piece); }));
  Result<bool> done = slicer.Finish();
  if (!done.ok()) return done.status();
  if (*done) return Status::Ok();
  // The whole document at once: exact error offsets, and any layout.
  std::string whole = slicer.TakeWhole();
  if (whole.empty()) {  // its pieces were consumed: read them again
    ANNEXA_RETURN_IF_ERROR(source([&](std::string_view piece) {
      whole.append(piece);
      return whole.size() > kMaxUnsliced ? Slicer::TooBig(display_name, item) : Status::Ok();
    }));
  }
  Result<XmlDocument> doc = Parse(std::move(whole), display_name);
  if (!doc.ok()) return doc.status();
  return visit(doc->Root().FirstChild(container), true);
}

Status XmlDocument::ParseInSlices(const std::string& bytes, const std::string& display_name,
                                  std::string_view container, std::string_view item,
                                  size_t slice_bytes, const SliceVisitor& visit) {
  auto source = [&bytes](const ByteSink& sink) {
    constexpr size_t kPiece = 64 * 1024;  // as a zip entry would arrive
    for (size_t at = 0; at < bytes.size(); at += kPiece) {
      ANNEXA_RETURN_IF_ERROR(sink(std::string_view(bytes).substr(at, kPiece)));
    }
    return Status::Ok();
  };
  return ParseInSlices(source, display_name, container, item, slice_bytes, visit);
}

XmlDocument::XmlDocument(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
XmlDocument::XmlDocument(XmlDocument&&) noexcept = default;
XmlDocument& XmlDocument::operator=(XmlDocument&&) noexcept = default;
XmlDocument::~XmlDocument() = default;

XmlNode XmlDocument::Root() const {
  return XmlNode(impl_->doc.document_element().internal_object(), &impl_->state);
}

const std::string& XmlDocument::name() const { return impl_->name; }

}  // namespace annexa::sources
