import CloudInitSim

extension RunReport {
  /// The module-stage lines of `/var/log/cloud-init.log` for this run, after a marker line.
  func log() -> String {
    var instanceID = "i-simulated"
    if case .mapping(let data) = profile.instanceData?.value, case .mapping(let v1) = data["v1"]?.value,
       case .string(let id) = (v1["instance_id"] ?? v1["instance-id"])?.value { instanceID = id }
    let header = "# cloudinit-sim: the module lines cloud-init \(profile.behaviour.rawValue) would log on \(profile.name); "
      + "timestamps, uptimes and addresses are synthetic"
    return ([header] + CloudInitLog.lines(plans: plans, profile: profile, distro: distro, instanceID: instanceID))
      .joined(separator: "\n") + "\n"
  }
}
