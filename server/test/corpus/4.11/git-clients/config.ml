(* mirage >= 4.11.0 & < 4.12.0 *)
open Mirage

let stack = generic_stackv4v6 default_network
let he = generic_happy_eyeballs stack
let dns = generic_dns_client stack he
let tcp = tcpv4v6_of_stackv4v6 stack
let mimic_ctx = mimic_happy_eyeballs stack he dns

(* git://, git+ssh:// and http(s):// remotes all go through one client;
   credentials come from --upstream-ssh-key, --upstream-tls-authenticator... *)
let git_client_for ~group =
  List.fold_left merge_git_clients (git_tcp tcp mimic_ctx)
    [ git_ssh ~group tcp mimic_ctx;
      git_http ~group ~headers:[ ("user-agent", "mirage-git-clients") ] tcp mimic_ctx ]

let remote = runtime_arg ~pos:__POS__ "Unikernel.remote"
let branch = runtime_arg ~pos:__POS__ "Unikernel.branch"

let fetch =
  main ~runtime_args:[ remote; branch ] ~packages:[ package "git-kv" ~min:"0.2.0" ]
    "Unikernel.Fetch" (git_client @-> job)

let () =
  register "git-clients" ~sleep:default_sleep ~ptime:default_ptime
    ~mtime:default_mtime ~random:default_random
    [ fetch $ git_client_for ~group:"upstream" ]
