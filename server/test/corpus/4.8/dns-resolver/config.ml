(* mirage >= 4.5.0 & < 4.9.0 *)
open Mirage

let stack = generic_stackv4v6 default_network

(* Since 4.6 happy-eyeballs is built first and handed to the DNS client.
   Timeouts are in nanoseconds. *)
let he =
  generic_happy_eyeballs ~aaaa_timeout:50_000_000L ~connect_timeout:5_000_000_000L
    ~resolve_retries:2 stack

let dns =
  generic_dns_client
    ~nameservers:[ "udp:9.9.9.9"; "tcp:149.112.112.112" ]
    ~timeout:3_000_000_000L ~cache_size:256 stack he

(* conduit's resolver, for libraries that want one *)
let conduit_resolver = resolver_dns ~ns:[ "tcp:9.9.9.9" ] stack

let names = runtime_arg ~pos:__POS__ "Unikernel.names"

let lookup =
  main ~runtime_args:[ names ] "Unikernel.Lookup"
    (time @-> mclock @-> dns_client @-> happy_eyeballs @-> resolver @-> job)

let () =
  register "dns-resolver"
    [ lookup $ default_time $ default_monotonic_clock $ dns $ he $ conduit_resolver ]
