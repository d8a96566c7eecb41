(* mirage >= 4.9.0 & < 4.10.0 *)
open Mirage

let port : int Runtime_arg.arg = Runtime_arg.create ~pos:__POS__ "Unikernel.port"

let stack =
  generic_stackv4v6
    ~dhcp_key:Key.(value (dhcp ()))
    ~net_key:Key.(value (net ()))
    default_network

let assets = crunch "assets"
let server = paf_server ~port (tcpv4v6_of_stackv4v6 stack)
let logs = syslog_udp ~group:"log" stack

(* Since 4.9 clocks and randomness are no functor arguments any more. *)
let web =
  main ~deps:[ dep logs ]
    ~packages:[ package "magic-mime"; package "paf" ~sublibs:[ "mirage" ] ]
    "Unikernel.Web"
    (kv_ro @-> http_server @-> job)

let () =
  register "paf-static" ~sleep:default_sleep ~ptime:default_ptime
    [ web $ assets $ server ]
