(* mirage >= 4.5.0 & < 4.9.0 *)
open Mirage

(* Defined in unikernel.ml as a Cmdliner term; passed to start after the
   devices. *)
let port = runtime_arg ~pos:__POS__ "Unikernel.port"
let redirect = runtime_arg ~pos:__POS__ "Unikernel.redirect_to"

let stack = generic_stackv4v6 default_network
let public = generic_kv_ro ~group:"site" "public"
let http_srv = cohttp_server @@ conduit_direct ~tls:false stack

let site =
  main
    ~runtime_args:[ port; redirect ]
    ~packages:[ package "magic-mime"; package "cohttp-mirage" ~min:"5.0.0" ]
    "Unikernel.Site"
    (pclock @-> kv_ro @-> http @-> job)

let () = register "website" [ site $ default_posix_clock $ public $ http_srv ]
