(* mirage >= 4.5.0 & < 4.9.0 *)
open Mirage

(* A dual stack assembled by hand on the default interface. *)
let stack =
  let net = default_network in
  let eth = ethif net in
  let arp4 = arp ~time:default_time eth in
  let ip4 = create_ipv4 ~clock:default_monotonic_clock eth arp4 in
  let ip6 = create_ipv6 ~time:default_time net eth in
  direct_stackv4v6 ~mclock:default_monotonic_clock ~time:default_time net eth
    arp4 ip4 ip6

(* Logs go to the syslog server given with --syslog at run time. *)
let logger = syslog_udp ~clock:default_posix_clock stack

let every = runtime_arg ~pos:__POS__ "Unikernel.every"

let beacon =
  main ~deps:[ dep logger ] ~runtime_args:[ every ] "Unikernel.Beacon"
    (time @-> pclock @-> stackv4v6 @-> job)

let () =
  register "syslog-beacon"
    [ beacon $ default_time $ default_posix_clock $ stack ]
