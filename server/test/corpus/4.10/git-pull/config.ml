(* mirage >= 4.10.0 & < 4.11.0 *)
open Mirage

(* Until 4.11 the DHCP and socket choices can still be handed to the
   stack as configure-time values. *)
let stack =
  let open Key in
  generic_stackv4v6 ~group:"net"
    ~dhcp_key:(value (dhcp ~group:"net" ()))
    ~net_key:(value (net ~group:"net" ()))
    (netif ~group:"net" "tap0")

let tcp = tcpv4v6_of_stackv4v6 stack
let he = generic_happy_eyeballs stack
let dns = generic_dns_client ~nameservers:[ "udp:1.1.1.1" ] stack he
let mimic_ctx = mimic_happy_eyeballs stack he dns

let git =
  merge_git_clients
    (git_ssh ~group:"git" tcp mimic_ctx)
    (git_http ~group:"git" tcp mimic_ctx)

let remote = runtime_arg ~pos:__POS__ "Unikernel.remote"

let puller =
  main ~runtime_args:[ remote ] ~packages:[ package "git-kv" ]
    "Unikernel.Puller" (git_client @-> job)

let () =
  register "git-pull" ~sleep:default_sleep ~ptime:default_ptime
    ~mtime:default_mtime ~random:default_random [ puller $ git ]
