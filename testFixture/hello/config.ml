(* mirage >= 4.11.0 & < 4.12.0 *)
open Mirage

let port = runtime_arg ~pos:__POS__ "Unikernel.port"
let greeting = runtime_arg ~pos:__POS__ "Unikernel.greeting"

let main =
  main ~runtime_args:[ port; greeting ] "Unikernel.Main" (stackv4v6 @-> job)

let stack = generic_stackv4v6 default_network

let () = register "hello" [ main $ stack ]
