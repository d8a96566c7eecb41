(* mirage >= 4.4.0 & < 4.5.0 *)
open Mirage

(* All resolver knobs are runtime keys, built from the Key.Arg converters
   of this release (string, int64, list, some). *)
let nameservers =
  let doc = Key.Arg.info ~doc:"Upstream resolvers, e.g. udp:9.9.9.9 or tcp:1.1.1.1." [ "nameservers" ] in
  Key.(create "nameservers" Arg.(opt ~stage:`Run (list string) [ "udp:9.9.9.9" ] doc))

let dns_timeout =
  let doc = Key.Arg.info ~doc:"Query timeout in nanoseconds." [ "dns-timeout" ] in
  Key.(create "dns_timeout" Arg.(opt ~stage:`Run (some int64) None doc))

let he_retries =
  let doc = Key.Arg.info ~doc:"How often happy-eyeballs retries resolving." [ "he-retries" ] in
  Key.(create "he_retries" Arg.(opt ~stage:`Run (some int64) (Some 3L) doc))

let domains =
  let doc = Key.Arg.info ~docv:"NAMES" ~doc:"Host names to look up." [ "lookup" ] in
  Key.(create "lookup" Arg.(opt ~stage:`Run (list ~sep:',' string) [ "mirage.io" ] doc))

let stack = generic_stackv4v6 default_network

(* Before 4.6 the DNS client comes first and happy-eyeballs is built on it. *)
let dns = generic_dns_client ~nameservers ~timeout:dns_timeout stack
let he = generic_happy_eyeballs ~resolve_retries:he_retries stack dns
let ctx = mimic_happy_eyeballs stack dns he

let lookup =
  main ~keys:[ Key.v domains ] "Unikernel.Lookup"
    (time @-> mclock @-> dns_client @-> mimic @-> job)

let () =
  register "dns-lookup"
    [ lookup $ default_time $ default_monotonic_clock $ dns $ ctx ]
