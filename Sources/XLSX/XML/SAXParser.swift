internal import CLibXML2

/// libxml2's SAX2 push parser, fed chunk by chunk; it never builds a tree.
///
/// Safe by construction: no network (`XML_PARSE_NONET`), no DTD loading, and any
/// DOCTYPE stops the parse with ``XLSXError/Code/forbiddenDTD`` before an entity can be
/// declared, so neither entity expansion (billion laughs) nor external entities (XXE)
/// can happen. `XML_PARSE_HUGE` lifts libxml2's 10 MB lookup limit (and its nesting
/// limit); the ZIP limits guard sizes instead, and ``SAXHandler/maxDepth`` the nesting.
final class SAXParser {
  private let context: xmlParserCtxtPtr
  private let fileName: String
  /// The handler of the part being parsed; holding it keeps it alive for the callbacks,
  /// which borrow it through the context's `userData`.
  private var handler = SAXHandler()
  private var partName = ""
  /// Whether the context has been given a part, so must be reset before the next one.
  private var started = false

  private static let initialize: Void = {
    xmlInitParser()
    xmlThrDefSetStructuredErrorFunc(nil) { _, _ in }
  }()

  /// A parser for `handler`, ready for the part `partName`.
  convenience init(handler: SAXHandler, fileName: String, partName: String) throws(XLSXError) {
    try self.init(fileName: fileName)
    try start(handler, partName: partName)
  }

  /// A parser for parts of the file `fileName`, one after another: see ``start(_:partName:)``.
  init(fileName: String) throws(XLSXError) {
    _ = Self.initialize
    // libxml2 raises some errors outside any parser context (a declared encoding whose
    // bytes fail to convert, for one), and its default handler prints those to stderr.
    // A structured handler takes them instead; the parse itself fails and reports.
    // libxml2 keeps the handler per thread: the default set above covers new threads,
    // this call the thread the parser is created on.
    xmlSetStructuredErrorFunc(nil) { _, _ in }
    self.fileName = fileName
    var sax = Self.callbacks()
    guard let context = xmlCreatePushParserCtxt(&sax, nil, nil, 0, nil) else {
      throw XLSXError(.io, "无法创建 XML 解析器", file: fileName)
    }
    let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_HUGE.rawValue | XML_PARSE_NOENT.rawValue)
    xmlCtxtUseOptions(context, options)
    self.context = context
    // Until `start` binds a handler, events would go to one that ignores them.
    context.pointee.userData = Unmanaged.passUnretained(handler).toOpaque()
  }

  deinit {
    handler.stop = {}
    handler.parserContext = nil
    xmlFreeParserCtxt(context)
  }

  /// Gets ready to parse the part `partName` with `handler`. A parser that has parsed a
  /// part before is reset rather than replaced: it keeps libxml2's context, its buffers
  /// and its name dictionary, which costs about 2,000 instructions where creating and
  /// freeing a context costs 7,000 (the small parts read when a workbook is opened
  /// share one parser).
  func start(_ handler: SAXHandler, partName: String) throws(XLSXError) {
    if started {
      guard xmlCtxtResetPush(context, nil, 0, nil, nil) == 0 else {
        throw XLSXError(.io, "无法重置 XML 解析器", file: fileName, part: partName)
      }
      // The reset assumes UTF-8; a new context given no bytes yet leaves the encoding
      // open, to be detected from the first bytes (a BOM, UTF-16). So must this one.
      context.pointee.charset = XML_CHAR_ENCODING_NONE.rawValue
    }
    started = true
    self.handler.stop = {}
    self.handler.parserContext = nil
    self.handler = handler
    self.partName = partName
    // The callbacks borrow the handler (they run several times per cell); `self.handler`
    // keeps it alive meanwhile.
    context.pointee.userData = Unmanaged.passUnretained(handler).toOpaque()
    handler.stop = { [context] in xmlStopParser(context) }
    handler.parserContext = UnsafeMutableRawPointer(context)
  }

  /// The SAX2 callbacks, which forward each event to the handler in `userData`.
  private static func callbacks() -> xmlSAXHandler {
    var sax = xmlSAXHandler()
    sax.initialized = UInt32(XML_SAX2_MAGIC)
    sax.startElementNs = { context, localName, _, _, _, _, attributeCount, _, attributes in
      guard let context, let localName else { return }
      Unmanaged<SAXHandler>.fromOpaque(context)._withUnsafeGuaranteedRef { handler in
        handler.depth += 1
        guard handler.depth <= SAXHandler.maxDepth else {
          handler.malformed(XLSXError(.malformedXML, "XML 元素嵌套超过 \(SAXHandler.maxDepth) 层"))
          return
        }
        handler.startElement(
          XMLName(local: localName), XMLAttributes(base: attributes, count: Int(attributeCount)))
      }
    }
    sax.endElementNs = { context, localName, _, _ in
      guard let context, let localName else { return }
      Unmanaged<SAXHandler>.fromOpaque(context)._withUnsafeGuaranteedRef { handler in
        handler.depth -= 1
        handler.endElement(XMLName(local: localName))
      }
    }
    let characters: charactersSAXFunc = { context, text, length in
      guard let context, let text else { return }
      Unmanaged<SAXHandler>.fromOpaque(context)._withUnsafeGuaranteedRef {
        $0.characters(UnsafeBufferPointer(start: text, count: Int(length)))
      }
    }
    sax.characters = characters
    sax.cdataBlock = characters
    sax.ignorableWhitespace = characters
    sax.internalSubset = { context, _, _, _ in SAXParser.rejectDTD(context) }
    sax.externalSubset = { context, _, _, _ in SAXParser.rejectDTD(context) }
    sax.entityDecl = { context, _, _, _, _, _ in SAXParser.rejectDTD(context) }
    sax.serror = { context, error in
      guard let context, let error else { return }
      let handler = Unmanaged<SAXHandler>.fromOpaque(context).takeUnretainedValue()
      guard error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
      var message = error.pointee.message.map { String(cString: $0) } ?? "XML 错误"
      while message.last?.isNewline == true { message.removeLast() }
      handler.malformed(
        XLSXError(
          .malformedXML, "XML 格式错误：\(message)",
          line: error.pointee.line > 0 ? Int(error.pointee.line) : nil,
          column: error.pointee.int2 > 0 ? Int(error.pointee.int2) : nil))
    }
    return sax
  }

  /// Parses the next chunk of the document; `isLast` ends the document with it.
  ///
  /// Feeding a small part whole with `isLast` is markedly faster: libxml2's push
  /// parser then skips its look-ahead for the end of every tag.
  func feed(_ chunk: UnsafeRawBufferPointer, isLast: Bool = false) throws(XLSXError) {
    var offset = 0
    // xmlParseChunk takes an Int32 size.
    repeat {
      let count = min(chunk.count - offset, 1 << 30)
      let start = chunk.baseAddress.map { ($0 + offset).assumingMemoryBound(to: CChar.self) }
      let terminate: Int32 = isLast && offset + count == chunk.count ? 1 : 0
      try check(xmlParseChunk(context, start, Int32(count), terminate))
      offset += count
    } while offset < chunk.count
  }

  /// Ends the document; reports a truncated part.
  func finish() throws(XLSXError) {
    try check(xmlParseChunk(context, nil, 0, 1))
  }

  private func check(_ status: Int32) throws(XLSXError) {
    if let failure = handler.failure {
      throw failure.located(file: fileName, part: partName)
    }
    if status != 0 {
      throw XLSXError(.malformedXML, "XML 格式错误（libxml2 代码 \(status)）", file: fileName, part: partName)
    }
  }

  private static func rejectDTD(_ context: UnsafeMutableRawPointer?) {
    guard let context else { return }
    Unmanaged<SAXHandler>.fromOpaque(context).takeUnretainedValue().fail(
      XLSXError(.forbiddenDTD, "XML 中含有 DOCTYPE 声明（DTD/实体），出于安全原因拒绝读取"))
  }
}

extension SAXHandler {
  /// The parser's offset in the part, in bytes, during an event; 0 when no parser is bound.
  final func bytePosition() -> Int {
    guard let parserContext else { return 0 }
    return xmlByteConsumed(parserContext.assumingMemoryBound(to: xmlParserCtxt.self))
  }
}

extension SAXParser {
  /// Streams `entry` of `archive` through `handler`, reusing this parser.
  func parse(_ entry: ZipEntry, of archive: ZipArchive, with handler: SAXHandler) throws(XLSXError) {
    let stream = try archive.stream(entry)
    try start(handler, partName: entry.name)
    while let chunk = try stream.next() {
      try feed(chunk, isLast: stream.finished)
      if stream.finished { return }
    }
    try finish()
  }
}
