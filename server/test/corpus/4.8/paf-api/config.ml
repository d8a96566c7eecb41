(* mirage >= 4.5.0 & < 4.9.0 *)
open Mirage

(* The type of [port] is fixed by paf_server; [api_token] is not consumed
   by a typed device, so it carries an annotation. *)
let port = Runtime_arg.create ~pos:__POS__ "Unikernel.port"

let api_token : string option Runtime_arg.arg =
  Runtime_arg.create ~pos:__POS__ "Unikernel.api_token"

let stack = generic_stackv4v6 default_network
let tcp = tcpv4v6_of_stackv4v6 stack
let server = paf_server ~port tcp

let api =
  main
    ~runtime_args:[ Runtime_arg.v api_token ]
    ~packages:[ package "yojson"; package ~min:"0.5.0" "paf" ~sublibs:[ "mirage" ] ]
    "Unikernel.Api"
    (random @-> time @-> http_server @-> job)

let () =
  register "paf-api" ~argv:default_argv
    ~reporter:(default_reporter ~level:(Some Logs.Debug) ())
    [ api $ default_random $ default_time $ server ]
