/// The module-stage lines cloud-init writes to `/var/log/cloud-init.log` (format strings from
/// SPEC.md section (f), per version), written for a simulation and read back from a real log.
public enum CloudInitLog {
  /// What a log says about one module in one stage of one boot.
  public struct Entry: Sendable, Equatable {
    public enum Outcome: String, Sendable {
      case ran, alreadyRan = "already-ran", failed, notVerified = "not-verified", notFound = "not-found"
    }

    public var boot: Int
    public var stage: StagePlan.Stage
    public var name: String
    public var outcome: Outcome
  }

  /// The stage's action as cloud-init names it in its welcome line.
  static func action(_ stage: StagePlan.Stage) -> String {
    switch stage {
    case .initStage: "init"
    case .config: "modules:config"
    case .final: "modules:final"
    }
  }

  /// The reporting event prefix of a stage's modules (`start: init-network/config-migrator: ...`).
  static func event(_ stage: StagePlan.Stage) -> String {
    switch stage {
    case .initStage: "init-network"
    case .config: "modules-config"
    case .final: "modules-final"
    }
  }

  /// The log lines of `plans` (timestamps synthetic: one second per line from 2000-01-01 00:00:00).
  public static func lines(
    plans: [(boot: ModulePipeline.Boot, plan: StagePlan)], profile: Profile, distro: String, instanceID: String
  ) -> [String] {
    var clock = 0
    func line(_ file: String, _ level: String, _ message: String) -> String {
      defer { clock += 1 }
      let time = "2000-01-01 \(pad(clock / 3600 % 24)):\(pad(clock / 60 % 60)):\(pad(clock % 60)),000"
      return "\(time) - \(file)[\(level)]: \(message)"
    }
    let version = profile.behaviour.rawValue
    let modulesFile = profile.behaviour == .v19_3 ? "stages.py" : "modules.py"
    var out: [String] = []
    for (_, plan) in plans {
      for stage in StagePlan.Stage.allCases {
        out.append(line("util.py", "DEBUG", "Cloud-init v. \(version) running '\(action(stage))' at Sat, 01 Jan 2000 00:00:00 +0000. Up 10.00 seconds."))
        let decisions = plan.stages[stage] ?? []
        for decision in decisions where decision.reason == .unknownModule {
          let module = ModuleList.formModuleName(decision.name)
          out.append(line(modulesFile, "WARNING", "Could not find module named \(module) (searched ['\(module)', 'cloudinit.config.\(module)'])"))
        }
        let unverified = decisions.filter { $0.reason == .distroNotVerified }.map(\.name)
        if !unverified.isEmpty {
          out.append(line(modulesFile, "INFO", "Skipping modules '\(unverified.joined(separator: ","))' because they are not verified on distro '\(distro)'.  To run anyway, add them to 'unverified_modules' in config."))
        }
        let forced = decisions.filter { $0.reason == .forced }.map(\.name)
        if !forced.isEmpty { out.append(line(modulesFile, "INFO", "running unverified_modules: '\(forced.joined(separator: ", "))'")) }
        let attempted = decisions.filter { $0.runs || $0.reason == .alreadyRan }
        if attempted.isEmpty {
          out.append(line(modulesFile, "DEBUG", "No '\(stage.rawValue)' modules to run under section '\(stage.section)'"))
          continue
        }
        let event = Self.event(stage)
        for decision in attempted {
          let frequency = decision.frequency ?? "once-per-instance"
          // Python 2 loads the compiled module (AL2 logs show .../cc_x.pyc).
          let suffix = profile.python.hasPrefix("2.") ? "pyc" : "py"
          let path = "/usr/lib/python\(profile.python)/site-packages/cloudinit/config/\(decision.module).\(suffix)"
          out.append(line(modulesFile, "DEBUG", "Running module \(decision.name) (<module 'cloudinit.config.\(decision.module)' from '\(path)'>) with frequency \(frequency)"))
          out.append(line("handlers.py", "DEBUG", "start: \(event)/config-\(decision.name): running config-\(decision.name) with frequency \(frequency)"))
          let semaphore = "config_" + decision.name.replacingOccurrences(of: "-", with: "_")
          if decision.reason == .alreadyRan {
            out.append(line("helpers.py", "DEBUG", "config-\(decision.name) already ran (freq=\(frequency))"))
            out.append(line("handlers.py", "DEBUG", "finish: \(event)/config-\(decision.name): SUCCESS: config-\(decision.name) previously ran"))
            continue
          }
          let lock = switch frequency {
          case "always": "<cloudinit.helpers.DummyLock object at 0x7f0000000000>"
          case "once": "<FileLock using file '/var/lib/cloud/sem/\(semaphore).once'>"
          default: "<FileLock using file '/var/lib/cloud/instances/\(instanceID)/sem/\(semaphore)'>"
          }
          out.append(line("helpers.py", "DEBUG", "Running config-\(decision.name) using lock (\(lock))"))
          out.append(line("handlers.py", "DEBUG", "finish: \(event)/config-\(decision.name): SUCCESS: config-\(decision.name) ran successfully"))
        }
        out.append(line(modulesFile, "DEBUG", "Ran \(attempted.count) modules with 0 failures"))
      }
    }
    return out
  }

  /// The module outcomes a cloud-init log records, per boot (a boot starts at each `init` welcome
  /// line) and stage (`init`, `modules:config`, `modules:final`); other lines are ignored.
  public static func read(_ text: String) -> [Entry] {
    var entries: [Entry] = []
    var boot = 0
    var stage: StagePlan.Stage?
    var lastAction: Substring?
    for rawLine in text.split(separator: "\n", omittingEmptySubsequences: true) {
      // `<time> - file.py[LEVEL]: message` in the log file; syslog and journal lines put
      // `cloud-init[pid]: ` before `file.py[LEVEL]: `.
      guard let level = Self.levels.compactMap({ rawLine.range(of: "[\($0)]: ") }).min(by: { $0.lowerBound < $1.lowerBound })
      else { continue }
      let message = rawLine[level.upperBound...]
      if message.hasPrefix("Cloud-init v. "), let start = message.range(of: " running '"),
         let end = message[start.upperBound...].firstIndex(of: "'") {
        let action = message[start.upperBound..<end]
        stage = StagePlan.Stage.allCases.first { Self.action($0) == action }
        // A boot starts with init-local (cloud-init-local.service), or with init where a log
        // has no init-local line; init right after init-local is the same boot.
        if action == "init-local" || (stage == .initStage && lastAction != "init-local") { boot += 1 }
        if boot == 0 { boot = 1 }
        lastAction = action
        continue
      }
      // An excerpt may start after the welcome line: the reporting events name the stage too.
      if message.hasPrefix("start: "), let slash = message.firstIndex(of: "/") {
        let prefix = message[message.index(message.startIndex, offsetBy: 7)..<slash]
        if let named = StagePlan.Stage.allCases.first(where: { Self.event($0) == prefix }) {
          let name = message[message.index(after: slash)...].dropFirst("config-".count).prefix { $0 != ":" }
          if stage != named, let last = entries.indices.last, entries[last].name == name { entries[last].stage = named }
          stage = named
        }
        continue
      }
      let current = stage ?? .initStage
      func add(_ name: Substring, _ outcome: Entry.Outcome) {
        entries.append(Entry(boot: max(boot, 1), stage: current, name: String(name), outcome: outcome))
      }
      if message.hasPrefix("Running module "), message.hasSuffix(" failed") {
        let name = message.dropFirst("Running module ".count).prefix { $0 != " " }
        if let index = entries.lastIndex(where: { $0.stage == current && $0.name == name && $0.outcome == .ran }) {
          entries[index].outcome = .failed
        } else {
          add(name, .failed)
        }
      } else if message.hasPrefix("Running module ") {
        add(message.dropFirst("Running module ".count).prefix { $0 != " " }, .ran)
      } else if message.hasPrefix("config-"), message.contains(" already ran (freq=") {
        let name = message.dropFirst("config-".count).prefix { $0 != " " }
        if let index = entries.lastIndex(where: { $0.stage == current && $0.name == name && $0.outcome == .ran }) {
          entries[index].outcome = .alreadyRan
        }
      } else if message.hasPrefix("Skipping modules '"), message.contains("not verified on distro") {
        let list = message.dropFirst("Skipping modules '".count).prefix { $0 != "'" }
        for name in list.split(separator: ",") { add(name, .notVerified) }
      } else if message.hasPrefix("Could not find module named ") {
        let module = message.dropFirst("Could not find module named ".count).prefix { $0 != " " }
        add(module.hasPrefix("cc_") ? module.dropFirst(3) : module, .notFound)
      }
    }
    return entries
  }

  private static let levels = ["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]

  private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
