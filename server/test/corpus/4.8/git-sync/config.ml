(* mirage >= 4.5.0 & < 4.9.0 *)
open Mirage

let remote = runtime_arg ~pos:__POS__ "Unikernel.remote"
let interval = runtime_arg ~pos:__POS__ "Unikernel.interval"

let stack = generic_stackv4v6 default_network
let tcp = tcpv4v6_of_stackv4v6 stack
let he = generic_happy_eyeballs stack
let dns = generic_dns_client stack he
let mimic_ctx = mimic_happy_eyeballs stack he dns

(* Every transport git understands, merged into one client. The SSH key and
   the TLS authenticator are left to the command line (--ssh-key, ...). *)
let git_client_all =
  merge_git_clients
    (git_tcp tcp mimic_ctx)
    (merge_git_clients
       (git_ssh ~mclock:default_monotonic_clock tcp mimic_ctx)
       (git_http ~headers:[ ("user-agent", "git-sync") ] tcp mimic_ctx))

let sync =
  main ~runtime_args:[ remote; interval ]
    ~packages:[ package "git-kv" ~min:"0.0.5" ]
    "Unikernel.Sync"
    (time @-> pclock @-> git_client @-> job)

let () =
  register "git-sync"
    [ sync $ default_time $ default_posix_clock $ git_client_all ]
