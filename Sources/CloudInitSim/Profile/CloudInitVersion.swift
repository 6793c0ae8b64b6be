/// The upstream cloud-init release whose behaviour a profile models.
public enum CloudInitVersion: String, Sendable, CaseIterable, Codable {
  /// What Amazon Linux 2 ships (patched).
  case v19_3 = "19.3"
  /// What Amazon Linux 2023 ships (patched).
  case v22_2_2 = "22.2.2"
}
