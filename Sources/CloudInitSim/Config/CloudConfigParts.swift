/// How cloud-init's `CloudConfigPartHandler` merges the cloud-config parts of one user-data
/// message into `cloud-config.txt` (`handlers/cloud_config.py`, 19.3 and 22.2.2 alike).
///
/// Each part, in user-data order, is merged into the buffer of the parts before it with the
/// part's own `merge_how`/`merge_type` mergers followed by those of its `Merge-Type` (or
/// `X-Merge-Type`) header, or `dict(replace)+list()+str()` when it has neither: by default a
/// later part replaces the keys it shares with earlier ones. A part that cannot be merged is
/// dropped whole with a warning, and the buffer stays as it was.
public enum CloudConfigParts {
  /// One cloud-config part.
  public struct Part: Sendable {
    /// The part's loaded payload (nil when it did not load: cloud-init drops it).
    public var payload: YAMLNode?
    /// The `Merge-Type` header, if any.
    public var mergeTypeHeader: String?
    /// The `X-Merge-Type` header, if any (used only when `Merge-Type` is absent or empty).
    public var xMergeTypeHeader: String?
    /// The part's name in messages.
    public var label: String
    /// For a `#cloud-config-jsonp` part: the RFC 6902 patch applied to the buffer instead.
    public var jsonPatch: YAMLNode?

    /// Creates a part.
    public init(
      payload: YAMLNode?, mergeTypeHeader: String? = nil, xMergeTypeHeader: String? = nil, label: String,
      jsonPatch: YAMLNode? = nil
    ) {
      self.payload = payload
      self.mergeTypeHeader = mergeTypeHeader
      self.xMergeTypeHeader = xMergeTypeHeader
      self.label = label
      self.jsonPatch = jsonPatch
    }
  }

  /// What happened to one part.
  public struct Outcome: Sendable, Equatable {
    /// The part's name.
    public var label: String
    /// The mergers it was merged with, or nil when it was dropped.
    public var mergers: MergerSpec?
    /// Why cloud-init dropped it ("Failed at merging in cloud config part from ..."), if it did.
    public var dropped: String?
  }

  /// The merged buffer (nil only when there are no parts; `{}` when every part was dropped),
  /// what happened to each part, and every merge decision.
  public static func merge(
    _ parts: [Part], version: CloudInitVersion
  ) -> (buffer: YAMLNode?, outcomes: [Outcome], events: [MergeEvent]) {
    var buffer: YAMLNode?
    var merged = 0
    var outcomes: [Outcome] = []
    var events: [MergeEvent] = []
    for part in parts {
      // "First time through, merge with an empty dict": until a part succeeds.
      if merged == 0 {
        buffer = YAMLNode(.mapping(YAMLMapping()), mark: SourceMark(file: "cloud-config.txt", line: 1, column: 1))
      }
      guard let current = buffer else { continue }
      if let patch = part.jsonPatch {
        do {
          buffer = try JSONPatch.apply(patch, to: current)
          merged += 1
          outcomes.append(Outcome(label: part.label, mergers: nil, dropped: nil))
        } catch {
          outcomes.append(Outcome(label: part.label, mergers: nil, dropped: error.message))
        }
        continue
      }
      guard let payload = part.payload, case .mapping(var mapping) = payload.value else {
        outcomes.append(Outcome(label: part.label, mergers: nil, dropped: "empty cloud config"))
        continue
      }
      do throws(MergerSpec.Invalid) {
        var spec = try MergerSpec.extract(from: &mapping) ?? MergerSpec(mergers: [])
        let header = [part.mergeTypeHeader, part.xMergeTypeHeader].compactMap { $0 }.first { !$0.isEmpty } ?? ""
        spec.mergers += try MergerSpec.parse(header).mergers
        if spec.mergers.isEmpty { spec = .partDefault }
        var merger = CloudInitMerger(spec, version: version)
        do {
          buffer = try merger.merge(current, YAMLNode(.mapping(mapping), mark: payload.mark))
        } catch {
          outcomes.append(Outcome(label: part.label, mergers: nil, dropped: error.message))
          continue
        }
        merged += 1
        events += merger.events
        outcomes.append(Outcome(label: part.label, mergers: spec, dropped: nil))
      } catch {
        outcomes.append(Outcome(label: part.label, mergers: nil, dropped: error.message))
      }
    }
    return (buffer, outcomes, events)
  }
}
