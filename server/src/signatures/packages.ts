/**
 * opam packages that device implementations pull in, for `package "…"` completion and for
 * hover ("what does this device bring in"). Not exhaustive: the common ones.
 */
export interface OpamPackage {
  readonly name: string;
  readonly what: string;
}

export const OPAM_PACKAGES: readonly OpamPackage[] = [
  { name: 'mirage-runtime', what: 'runtime support of every unikernel' },
  { name: 'lwt', what: 'cooperative threads used by MirageOS' },
  { name: 'tcpip', what: 'the OCaml TCP/IP stack (stackv4v6, tcp, udp, ip)' },
  { name: 'ethernet', what: 'Ethernet layer (ethif)' },
  { name: 'arp', what: 'ARP (arp)' },
  { name: 'charrua-client', what: 'DHCP client (generic_stackv4v6 with DHCP, ipv4_of_dhcp)' },
  { name: 'mirage-net-unix', what: 'network device for the unix target' },
  { name: 'mirage-net-solo5', what: 'network device for solo5 targets' },
  { name: 'mirage-net-xen', what: 'network device for xen and qubes' },
  { name: 'mirage-block-unix', what: 'block devices backed by files on unix' },
  { name: 'mirage-block-solo5', what: 'block devices on solo5 targets' },
  { name: 'mirage-block-xen', what: 'block devices on xen' },
  { name: 'mirage-block-ramdisk', what: 'in-memory block device (ramdisk)' },
  { name: 'mirage-block-ccm', what: 'AES-CCM encrypted block device (ccm_block)' },
  { name: 'mirage-kv-mem', what: 'in-memory key-value store (kv_rw_mem, crunch)' },
  { name: 'mirage-kv-unix', what: 'host directory as a key-value store (direct_kv_ro/rw)' },
  { name: 'crunch', what: 'compiles a directory into the unikernel (crunch)' },
  { name: 'tar-mirage', what: 'tar archives as key-value stores (tar_kv_ro, tar_kv_rw)' },
  { name: 'fat-filesystem', what: 'FAT file systems (fat_ro)' },
  { name: 'chamelon', what: 'littlefs-compatible store on a block device (chamelon)' },
  { name: 'docteur', what: 'git packfiles as read-only stores (docteur)' },
  { name: 'conduit-mirage', what: 'connection establishment (conduit_direct, resolver_dns)' },
  { name: 'cohttp-mirage', what: 'HTTP with cohttp (cohttp_server, cohttp_client)' },
  { name: 'paf', what: 'HTTP/1.1 and HTTP/2 with h1/h2 (paf_server, paf_client)' },
  { name: 'httpaf', what: 'HTTP/1.1 server library (httpaf_server)' },
  { name: 'dns-client-mirage', what: 'DNS resolver (generic_dns_client)' },
  { name: 'happy-eyeballs-mirage', what: 'dual-stack connection racing (generic_happy_eyeballs)' },
  {
    name: 'mimic-happy-eyeballs',
    what: 'mimic contexts over happy-eyeballs (mimic_happy_eyeballs)',
  },
  { name: 'git-mirage', what: 'git clients (git_tcp, git_ssh, git_http)' },
  { name: 'logs-syslog', what: 'syslog reporters (syslog_udp, syslog_tcp, syslog_tls)' },
  { name: 'mirage-monitoring', what: 'metrics to Influx (monitoring)' },
  { name: 'mirage-crypto-rng-mirage', what: 'the Fortuna random generator (default_random)' },
  { name: 'mirage-qubes', what: 'QubesDB and qrexec (default_qubesdb)' },
  { name: 'mirage-qubes-ipv4', what: 'IPv4 configured by QubesDB (ipv4_qubes)' },
  { name: 'mirage-bootvar', what: 'boot arguments (default_argv)' },
  { name: 'mirage-logs', what: 'console log reporter (default_reporter)' },
  { name: 'mirage-sleep', what: 'sleeping (default_sleep, 4.9+)' },
  { name: 'mirage-ptime', what: 'POSIX clock (default_ptime, 4.9+)' },
  { name: 'mirage-mtime', what: 'monotonic clock (default_mtime, 4.9+)' },
  { name: 'cstruct', what: 'byte buffers' },
  { name: 'fmt', what: 'format combinators' },
  { name: 'logs', what: 'logging' },
  { name: 'duration', what: 'durations in nanoseconds' },
  { name: 'ptime', what: 'POSIX time' },
  { name: 'ipaddr', what: 'IP addresses' },
  { name: 'domain-name', what: 'domain names' },
  { name: 'tls-mirage', what: 'TLS for MirageOS' },
  { name: 'x509', what: 'X.509 certificates' },
  { name: 'irmin-mirage', what: 'Irmin stores on MirageOS' },
];
