(* mirage >= 4.11.0 & < 4.12.0 *)
open Mirage

let who = runtime_arg ~pos:__POS__ "Unikernel.who"

(* No functor: start gets (), then the runtime arguments in list order.
   A built-in argument (--delay) can be requested like our own. *)
let hello =
  main
    ~runtime_args:[ who; Runtime_arg.v Runtime_arg.delay ]
    ~packages:[ package "duration" ]
    "Unikernel" job

let () =
  register "hello-runtime" ~argv:default_argv
    ~reporter:(default_reporter ~level:(Some Logs.Debug) ())
    ~sleep:default_sleep ~ptime:default_ptime ~mtime:default_mtime
    ~random:default_random ~src:`None
    [ hello ]
