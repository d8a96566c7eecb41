(* mirage >= 4.4.0 & < 4.5.0 *)
open Mirage

(* A management interface with a fixed address, assembled layer by layer. *)
let mgmt_net = netif ~group:"mgmt" "tap4"
let mgmt_eth = etif mgmt_net
let mgmt_arp = arp ~time:default_time mgmt_eth

let mgmt_v4 : ipv4_config =
  {
    network = Ipaddr.V4.Prefix.of_string_exn "10.0.42.2/24";
    gateway = Some (Ipaddr.V4.of_string_exn "10.0.42.1");
  }

let mgmt_stack =
  let ip4 =
    create_ipv4 ~group:"mgmt" ~config:mgmt_v4 ~clock:default_monotonic_clock
      mgmt_eth mgmt_arp
  in
  let ip6 = create_ipv6 ~group:"mgmt" mgmt_net mgmt_eth in
  direct_stackv4v6
    ~ipv4_only:(Key.ipv4_only ~group:"mgmt" ())
    ~ipv6_only:(Key.ipv6_only ~group:"mgmt" ())
    mgmt_net mgmt_eth mgmt_arp ip4 ip6

let logger =
  let config =
    syslog_config ~port:5514 ~server:(Ipaddr.of_string_exn "10.0.42.1")
      "syslog-probe"
  in
  syslog_udp ~config mgmt_stack

let probe =
  foreign ~deps:[ dep logger ] "Unikernel.Probe"
    (time @-> mclock @-> stackv4v6 @-> job)

let () =
  register "syslog-probe"
    [ probe $ default_time $ default_monotonic_clock $ generic_stackv4v6 default_network ]
