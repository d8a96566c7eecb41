(* mirage >= 4.4.0 & < 4.5.0 *)
open Mirage

(* Decided when configuring: compile the TLS-terminating front end or not. *)
let with_tls =
  let doc = Key.Arg.info ~doc:"Terminate TLS inside the unikernel." [ "with-tls" ] in
  Key.(create "with_tls" Arg.(flag ~stage:`Configure doc))

let burst =
  let doc = Key.Arg.info ~doc:"Requests allowed per second and client." [ "burst" ] in
  Key.(create "burst" Arg.(opt ~stage:`Run int 20 doc))

let banner =
  let doc = Key.Arg.info ~doc:"Value of the Server header." [ "banner" ] in
  Key.(create "banner" Arg.(opt ~stage:`Run string "frontend" doc))

(* A functor device of our own: Limiter.Make applied to a monotonic clock.
   Before 4.5 the connect hook returns the OCaml code as a plain string. *)
let limiter =
  impl
    ~packages:[ package ~min:"1.0.0" "duration" ]
    ~keys:[ Key.v burst ]
    ~connect:(fun _ modname -> function
      | [ clock ] ->
          Printf.sprintf "%s.connect ~burst:(Key_gen.burst ()) %s" modname clock
      | _ -> failwith "limiter: expected exactly one clock")
    "Limiter.Make" (mclock @-> job)

(* A device without arguments, only listed as an extra dependency. *)
let audit =
  impl ~packages:[ package "fmt" ]
    ~connect:(fun _ modname _ -> Fmt.str "%s.connect ()" modname)
    "Audit" job

let stack = generic_stackv4v6 default_network
let secure, plain = (conduit_direct ~tls:true stack, conduit_direct stack)
let server = cohttp_server @@ if_impl Key.(value with_tls) secure plain

let extra_packages =
  Key.(if_ (value with_tls) [ package "tls-mirage"; package "x509" ] [])

let frontend =
  main ~keys:[ Key.v banner ] ~extra_deps:[ dep audit ]
    ~packages_v:extra_packages "Unikernel.Frontend"
    (job @-> http @-> job)

let () =
  register "frontend" [ frontend $ (limiter $ default_monotonic_clock) $ server ]
