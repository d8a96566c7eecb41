(* mirage >= 4.4.0 & < 4.5.0 *)
open Mirage

(* paf_server wants its port as an int key in this release. *)
let port =
  let doc = Key.Arg.info ~doc:"Port the HTTP/1.1 + H2 server listens on." [ "port" ] in
  Key.(create "port" Arg.(opt int 4433 doc))

let greeting =
  let open Key in
  let doc = Arg.info ~docv:"TEXT" ~doc:"Body returned on GET /." [ "greeting" ] in
  create "greeting" Arg.(opt ~stage:`Run string "Hello from paf" doc)

let stack = generic_stackv4v6 default_network
let server = paf_server ~port (tcpv4v6_of_stackv4v6 stack)

let greeter =
  main ~keys:[ Key.v greeting ]
    ~packages:[ package "paf" ~sublibs:[ "mirage" ]; package "httpaf" ]
    "Unikernel.Greeter"
    (random @-> time @-> http_server @-> job)

let () =
  register "paf-greeter"
    ~reporter:(default_reporter ~clock:default_posix_clock ~level:(Some Logs.Info) ())
    [ greeter $ default_random $ default_time $ server ]
