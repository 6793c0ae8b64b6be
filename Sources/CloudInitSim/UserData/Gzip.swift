internal import CZlib

/// gzip as cloud-init's `util.decomp_gzip` handles it: data that starts with the gzip magic
/// bytes is inflated; anything else is returned unchanged.
enum Gzip {
  /// The gzip magic bytes.
  static func isCompressed(_ bytes: [UInt8]) -> Bool {
    bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
  }

  /// A stream that is not valid gzip.
  struct Failure: Error, Equatable {
    var message: String
    /// The stream was valid as far as it went but inflates past the limit (cloud-init would go on).
    var isOverLimit = false
  }

  /// The inflated bytes (the first gzip member, as Python's `gzip` module reads a member).
  static func decompress(_ input: [UInt8], limit: Int = 64 << 20) throws(Failure) -> [UInt8] {
    var stream = z_stream()
    // 15 + 16: a gzip header is required.
    guard inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
      throw Failure(message: "zlib could not start")
    }
    defer { inflateEnd(&stream) }
    var output: [UInt8] = []
    var overLimit = false
    var chunk = [UInt8](repeating: 0, count: 64 << 10)
    var source = input
    let status: Int32 = source.withUnsafeMutableBufferPointer { inputBuffer in
      stream.next_in = inputBuffer.baseAddress
      stream.avail_in = uInt(inputBuffer.count)
      while true {
        let code: Int32 = chunk.withUnsafeMutableBufferPointer { chunkBuffer in
          stream.next_out = chunkBuffer.baseAddress
          stream.avail_out = uInt(chunkBuffer.count)
          return inflate(&stream, Z_NO_FLUSH)
        }
        let produced = chunk.count - Int(stream.avail_out)
        output.append(contentsOf: chunk[0..<produced])
        if output.count > limit {
          overLimit = true
          return Z_OK
        }
        if code == Z_STREAM_END { return Z_STREAM_END }
        if code != Z_OK { return code }
        if stream.avail_in == 0 && produced == 0 { return Z_BUF_ERROR }
      }
    }
    if overLimit { throw Failure(message: "inflates to more than \(limit >> 20) MiB", isOverLimit: true) }
    switch status {
    case Z_STREAM_END: return output
    case Z_BUF_ERROR: throw Failure(message: "Compressed file ended before the end-of-stream marker was reached")
    default: throw Failure(message: "Error -3 while decompressing data: invalid data (zlib \(status))")
    }
  }

  /// The size of `input` gzip-compressed at level 9 (what `gzip -9` would make of user-data).
  static func compressedSize(_ input: [UInt8]) -> Int? {
    compress(input)?.count
  }

  /// `input` gzip-compressed at level 9.
  static func compress(_ input: [UInt8]) -> [UInt8]? {
    var stream = z_stream()
    guard deflateInit2_(&stream, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
                        Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
    defer { deflateEnd(&stream) }
    var source = input
    var chunk = [UInt8](repeating: 0, count: 64 << 10)
    var output: [UInt8] = []
    let finished: Bool = source.withUnsafeMutableBufferPointer { inputBuffer in
      stream.next_in = inputBuffer.baseAddress
      stream.avail_in = uInt(inputBuffer.count)
      while true {
        let code: Int32 = chunk.withUnsafeMutableBufferPointer { chunkBuffer in
          stream.next_out = chunkBuffer.baseAddress
          stream.avail_out = uInt(chunkBuffer.count)
          return deflate(&stream, Z_FINISH)
        }
        output.append(contentsOf: chunk[0..<(chunk.count - Int(stream.avail_out))])
        if code == Z_STREAM_END { return true }
        if code != Z_OK && code != Z_BUF_ERROR { return false }
      }
    }
    return finished ? output : nil
  }
}
