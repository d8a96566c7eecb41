(* mirage >= 4.9.0 & < 4.10.0 *)
open Mirage

(* IPv4 from a DHCP server (ipv4_of_dhcp returns an ipv4 impl in 4.9),
   IPv6 by router advertisement, glued into a direct stack. *)
let stack =
  let net = netif ~group:"lan" "tap0" in
  let eth = ethif net in
  let arp4 = arp eth in
  let ip4 = ipv4_of_dhcp net eth arp4 in
  let ip6 = create_ipv6 ~group:"lan" net eth in
  direct_stackv4v6 ~group:"lan" net eth arp4 ip4 ip6

let he = generic_happy_eyeballs ~group:"lan" ~connect_delay:50_000_000L stack

let dns =
  generic_dns_client ~group:"lan" ~nameservers:[ "tcp:9.9.9.9" ] ~cache_size:64
    stack he

let names = runtime_arg ~pos:__POS__ "Unikernel.names"

let lookup =
  main ~runtime_args:[ names ] "Unikernel.Lookup"
    (stackv4v6 @-> dns_client @-> job)

let () =
  register "dhcp-dns" ~mtime:default_mtime ~sleep:default_sleep ~random:default_random
    [ lookup $ stack $ dns ]
