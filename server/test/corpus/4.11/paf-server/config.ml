(* mirage >= 4.11.0 & < 4.12.0 *)
open Mirage

let port = Runtime_arg.create ~pos:__POS__ "Unikernel.port"

let motd : string Runtime_arg.arg =
  Runtime_arg.create ~pos:__POS__ "Unikernel.motd"

(* Used when the stack is static (--no-dhcp); --ipv4 still overrides it. *)
let stack =
  generic_stackv4v6
    ~ipv4_network:(Ipaddr.V4.Prefix.of_string_exn "192.168.50.10/24")
    ~ipv4_gateway:(Ipaddr.V4.of_string_exn "192.168.50.1")
    default_network

let http = paf_server ~port @@ tcpv4v6_of_stackv4v6 stack

let api =
  main ~runtime_args:[ Runtime_arg.v motd ]
    ~packages:[ package "paf" ~min:"0.8.0" ~sublibs:[ "mirage" ] ]
    "Unikernel.Api" (http_server @-> job)

let () =
  register "paf-server"
    ~reporter:(default_reporter ~level:(Some Logs.Warning) ())
    ~sleep:default_sleep ~ptime:default_ptime ~mtime:default_mtime
    ~random:default_random
    [ api $ http ]
