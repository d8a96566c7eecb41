(* mirage >= 4.11.0 & < 4.12.0 *)
open Mirage

let main = foreign "Unikernel.Main" (job @-> job)
let () = register "legacy" [ main $ noop ]
