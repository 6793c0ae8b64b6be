@testable import CloudInitSim
import Testing

/// Module names are canonicalised as cloud-init's `form_module_name` does (source: cloud-init
/// 22.2.2 `config/modules.py`, 19.3 `stages.py`: `-` to `_`, a `.py` suffix dropped
/// case-insensitively, then `str.strip()`, then `cc_` prefixed unless present; empty is None).
@Suite("Module names")
struct ModuleListTests {
  static let cases: [(String, String)] = [
    ("package-update-upgrade-install", "cc_package_update_upgrade_install"), ("runcmd.PY", "cc_runcmd"),
    (" runcmd ", "cc_runcmd"), ("cc_scripts_user", "cc_scripts_user"), ("", ""), ("  \t", ""), ("x.py ", "cc_x.py"),
    ("\u{1c}runcmd\u{1f}", "cc_runcmd"), ("ünknown-module", "cc_ünknown_module"), ("\u{a0}runcmd", "cc_runcmd"),
    ("cc-foo", "cc_foo"), (".py", ""), ("a.Py", "cc_a"),
  ]

  @Test("form_module_name", arguments: cases)
  func formModuleName(_ name: String, _ expected: String) {
    #expect(ModuleList.formModuleName(name) == expected)
  }
}
