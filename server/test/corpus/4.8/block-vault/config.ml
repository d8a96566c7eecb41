(* mirage >= 4.5.0 & < 4.9.0 *)
open Mirage

(* chamelon fixes the type of this one to int ... *)
let program_block_size =
  Runtime_arg.create ~pos:__POS__ "Unikernel.program_block_size"

(* ... while this one is annotated, as ccm_block's key argument. *)
let disk_key : string option runtime_arg =
  Runtime_arg.create ~pos:__POS__ "Unikernel.disk_key"

let secrets =
  block_of_file "secrets"
  |> ccm_block ~nonce_len:12 disk_key
  |> chamelon ~program_block_size ~pclock:default_posix_clock

let journal = tar_kv_rw ~pclock:default_posix_clock (block_of_file "journal")
let bundle = tar_kv_ro (ramdisk "bundle")
let scratch = kv_rw_mem ~clock:default_posix_clock ()

let vault =
  main "Unikernel.Vault" (kv_rw @-> kv_rw @-> kv_ro @-> kv_rw @-> job)

let () = register "block-vault" [ vault $ secrets $ journal $ bundle $ scratch ]
