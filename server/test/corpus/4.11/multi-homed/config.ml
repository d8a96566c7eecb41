(* mirage >= 4.11.0 & < 4.12.0 *)
open Mirage

(* Public side: its own tap and its own set of options
   (--public-no-dhcp, --public-ipv4=..., --public-interface=...). *)
let public = generic_stackv4v6 ~group:"public" (netif ~group:"public" "tap0")

(* Management side, never exposed. *)
let mgmt = generic_stackv4v6 ~group:"mgmt" (netif ~group:"mgmt" "tap1")

let he = generic_happy_eyeballs ~group:"public" public

(* Without DHCP on the public side nobody tells us the resolvers. *)
let dns =
  if_impl
    Key.(value (no_dhcp ~group:"public" ()))
    (generic_dns_client ~group:"public" ~nameservers:[ "udp:9.9.9.9" ] public he)
    (generic_dns_client ~group:"public" public he)

(* When the public TCP is switched to µTCP (--public-utcp), pin the
   version we tested against. *)
let tcp_packages =
  Key.(if_ (value (utcp ~group:"public" ())) [ package ~min:"0.3.0" "utcp" ] [])

let logs_over_tcp = syslog_tcp ~group:"mgmt" mgmt

let gateway =
  main ~deps:[ dep logs_over_tcp ] ~packages_v:tcp_packages
    "Unikernel.Gateway" (stackv4v6 @-> dns_client @-> job)

let () =
  register "multi-homed"
    [ gateway $ public $ dns; monitoring ~group:"mgmt" mgmt ]
