(* mirage >= 4.9.0 & < 4.10.0 *)
open Mirage

let program_block_size = Runtime_arg.create ~pos:__POS__ "Unikernel.block_size"

(* littlefs no longer takes a clock; it reads Mirage_ptime directly. *)
let data = chamelon ~program_block_size (block_of_file "data")
let seed = tar_kv_ro (block_of_file "seed.tar")

let service = generic_stackv4v6 default_network
let management = generic_stackv4v6 ~group:"mgmt" (netif ~group:"mgmt" "tap9")

let store = main "Unikernel.Store" (kv_rw @-> kv_ro @-> stackv4v6 @-> job)

let () =
  register "monitored-store"
    [ store $ data $ seed $ service; monitoring ~group:"mgmt" management ]
