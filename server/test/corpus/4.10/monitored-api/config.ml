(* mirage >= 4.10.0 & < 4.11.0 *)
open Mirage

let service = generic_stackv4v6 ~group:"service" (netif ~group:"service" "tap0")
let ops = generic_stackv4v6 ~group:"ops" (netif ~group:"ops" "tap1")

let api_server = httpaf_server (conduit_direct service)
let logger = syslog_udp ~group:"ops" ops

let api =
  main ~deps:[ dep logger ] ~packages:[ package "yojson" ]
    "Unikernel.Api" (http @-> job)

let () =
  register "monitored-api" ~sleep:default_sleep ~ptime:default_ptime
    ~mtime:default_mtime
    [ api $ api_server; monitoring ~group:"ops" ops ]
