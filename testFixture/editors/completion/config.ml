(* mirage >= 4.11.0 & < 4.12.0 *)
open Mirage

let main = main "Unikernel.Main" (stackv4v6 @-> job)
let s = generic_st
