(* mirage >= 4.4.0 & < 4.5.0 *)
open Mirage

(* The listening port is only needed when the unikernel runs, so the key
   lives in the `Run stage and the unikernel reads it with Key_gen. *)
let http_port =
  let doc = Key.Arg.info ~doc:"TCP port of the HTTP listener." [ "http-port" ] in
  Key.(create "http_port" Arg.(opt ~stage:`Run int 8080 doc))

let stack = generic_stackv4v6 default_network

(* --kv_ro=crunch (default) bakes ./htdocs into the image,
   --kv_ro=direct serves it from the host directory on unix. *)
let htdocs = generic_kv_ro "htdocs"

let http_srv = cohttp_server (conduit_direct ~tls:false stack)

let website =
  foreign
    ~packages:[ package "magic-mime"; package ~min:"4.0.0" "uri" ]
    ~keys:[ Key.v http_port ]
    "Unikernel.Website"
    (pclock @-> kv_ro @-> http @-> job)

let () =
  register "website" [ website $ default_posix_clock $ htdocs $ http_srv ]
