(* mirage >= 4.11.0 & < 4.12.0 *)
open Mirage

(* --https at configure time switches the conduit to TLS. *)
let https =
  let doc = Key.Arg.info ~doc:"Serve the site over HTTPS." [ "https" ] in
  Key.(create "https" Arg.(flag doc))

(* Read the files from the host on unix, embed them everywhere else. *)
let htdocs =
  match_impl
    Key.(value target)
    [ (`Unix, direct_kv_ro "htdocs"); (`MacOSX, direct_kv_ro "htdocs") ]
    ~default:(crunch "htdocs")

(* The certificate chain always ships inside the image. *)
let certs = crunch "tls"

let stack = generic_stackv4v6 default_network

let http_srv =
  let plain = conduit_direct stack and tls = conduit_direct ~tls:true stack in
  cohttp_server (if_impl (Key.value https) tls plain)

let port = runtime_arg ~pos:__POS__ "Unikernel.port"

let site =
  main ~runtime_args:[ port ]
    ~packages:[ package "magic-mime"; package ~min:"1.0.0" "tls-mirage" ]
    "Unikernel.Site"
    (kv_ro @-> kv_ro @-> http @-> job)

let () =
  register "static-website" ~sleep:default_sleep ~ptime:default_ptime
    ~mtime:default_mtime ~random:default_random
    [ site $ htdocs $ certs $ http_srv ]
