import ArgumentParser
import CloudInitSim

extension ModulePipeline.Boot: ExpressibleByArgument {
  /// How a boot sequence is written, for error messages.
  static let listForm = "a comma-separated list starting with 'first', of: first, reboot, new-instance (e.g. first,reboot)."

  /// A boot sequence written as `first,reboot,...`; nil when it is not one.
  static func list(_ text: String) -> [ModulePipeline.Boot]? {
    let names = text.split(separator: ",").map { String($0).filter { $0 != " " } }
    let boots = names.compactMap(ModulePipeline.Boot.init(rawValue:))
    return names.first == "first" && boots.count == names.count ? boots : nil
  }
}
