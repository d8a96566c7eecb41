(* mirage >= 4.9.0 & < 4.10.0 *)
open Mirage

(* No functor at all: the clocks, the sleep function and the RNG are linked
   in through [register], and start receives () followed by the argument. *)
let greeting = runtime_arg ~pos:__POS__ "Unikernel.greeting"
let hello = main ~runtime_args:[ greeting ] "Unikernel" job

let () =
  register "hello-clocks"
    ~reporter:(default_reporter ~level:(Some Logs.Info) ())
    ~sleep:default_sleep ~ptime:default_ptime ~mtime:default_mtime
    ~random:default_random [ hello ]
