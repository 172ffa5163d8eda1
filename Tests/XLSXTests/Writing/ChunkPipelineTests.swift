import Testing

@testable import XLSX

@Suite("Chunk pipeline")
struct ChunkPipelineTests {
  /// What the consumer saw; touched only by the pipeline's thread until `drain` returns.
  private final class Seen: @unchecked Sendable {
    var chunks: [[UInt8]] = []
  }

  @Test func theConsumerSeesCopiesOfTheChunksInOrder() throws {
    let seen = Seen()
    let pipeline = try ChunkPipeline { (bytes: UnsafeRawBufferPointer) throws(XLSXError) in seen.chunks.append(Array(bytes)) }
    var buffer = [UInt8](repeating: 0, count: 1_000)
    for round in 0..<50 {
      // The same buffer is reused at once, as the XML emitter does: the pipeline must copy.
      for index in buffer.indices { buffer[index] = UInt8(truncatingIfNeeded: round &+ index) }
      try withBytes(buffer, pipeline.submit)
    }
    try pipeline.drain()
    #expect(seen.chunks.count == 50)
    #expect(seen.chunks.enumerated().allSatisfy { round, chunk in
      chunk.count == 1_000 && chunk.indices.allSatisfy { chunk[$0] == UInt8(truncatingIfNeeded: round &+ $0) }
    })
    pipeline.stop(discardingPending: false)
  }

  @Test func theFirstErrorStopsTheConsumerAndReachesTheProducer() throws {
    let seen = Seen()
    let pipeline = try ChunkPipeline { (bytes: UnsafeRawBufferPointer) throws(XLSXError) in
      seen.chunks.append(Array(bytes))
      if seen.chunks.count == 3 { throw XLSXError(.io, "第三块失败") }
    }
    var failure: XLSXError?
    do {
      for _ in 0..<20 { try withBytes([UInt8](repeating: 1, count: 10), pipeline.submit) }
      try pipeline.drain()
    } catch {
      failure = error
    }
    #expect(failure?.message == "第三块失败")
    pipeline.stop(discardingPending: true)
    #expect(seen.chunks.count == 3)  // nothing consumed after the error
  }
}
