(* mirage >= 4.11.0 & < 4.12.0 *)
open Mirage

let requests = make_dhcp_requests ()

(* The stack also returns the DHCP lease (no_lease when static or on
   sockets), so resolvers can learn their nameservers from it. *)
let stack, dhcp_lease = generic_stackv4v6_with_lease ~dhcp_requests:requests default_network

let he = generic_happy_eyeballs ~resolve_timeout:1_000_000_000L stack

(* With --no-dhcp there is no lease to read servers from: use fixed ones. *)
let dns =
  if_impl
    Key.(value (no_dhcp ()))
    (generic_dns_client ~nameservers:[ "udp:9.9.9.9"; "udp:149.112.112.112" ] stack he)
    (generic_dns_client ~dhcp:(requests, dhcp_lease) ~cache_size:128 stack he)

let system_resolver = resolver_dns ~dhcp:(requests, dhcp_lease) stack
let mimic_ctx = mimic_happy_eyeballs stack he dns

let client =
  main ~runtime_args:[ runtime_arg ~pos:__POS__ "Unikernel.hosts" ]
    "Unikernel.Client"
    (dns_client @-> resolver @-> mimic @-> job)

let () =
  register "dns-with-lease" ~mtime:default_mtime ~sleep:default_sleep
    [ client $ dns $ system_resolver $ mimic_ctx ]
