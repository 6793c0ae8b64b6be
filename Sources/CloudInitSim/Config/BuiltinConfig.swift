/// `cloudinit/settings.py` `CFG_BUILTIN` per version: the lowest layer of every config.
enum BuiltinConfig {
  /// The label messages use for this layer.
  static func label(_ version: CloudInitVersion) -> String {
    "cloud-init \(version.rawValue) built-in defaults (settings.CFG_BUILTIN)"
  }

  /// The defaults as YAML, transcribed from `settings.py` at the tag.
  static func yaml(_ version: CloudInitVersion) -> String {
    switch version {
    case .v19_3:
      return """
        datasource_list: [NoCloud, ConfigDrive, OpenNebula, DigitalOcean, Azure, AltCloud, OVF, MAAS, GCE,
          OpenStack, AliYun, Ec2, CloudSigma, CloudStack, SmartOS, Bigstep, Scaleway, Hetzner, IBMCloud,
          Oracle, Exoscale, None]

        """ + shared
    case .v22_2_2:
      return """
        datasource_list: [NoCloud, ConfigDrive, LXD, OpenNebula, DigitalOcean, Azure, AltCloud, OVF, MAAS,
          GCE, OpenStack, AliYun, Vultr, Ec2, CloudSigma, CloudStack, SmartOS, Bigstep, Scaleway, Hetzner,
          IBMCloud, Oracle, Exoscale, RbxCloud, UpCloud, VMware, None]

        """ + shared + "vendor_data2: {enabled: true, prefix: []}\n"
    }
  }

  /// The keys both versions share, in settings.py order.
  private static let shared = """
    def_log_file: /var/log/cloud-init.log
    log_cfgs: []
    syslog_fix_perms: ['syslog:adm', 'root:adm', 'root:wheel', 'root:root']
    system_info:
      paths: {cloud_dir: /var/lib/cloud, templates_dir: /etc/cloud/templates/}
      distro: ubuntu
      network: {renderers: null}
    vendor_data: {enabled: true, prefix: []}

    """
}
