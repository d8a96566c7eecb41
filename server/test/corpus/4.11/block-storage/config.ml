(* mirage >= 4.11.0 & < 4.12.0 *)
open Mirage

let aes_key : string option runtime_arg =
  Runtime_arg.create ~pos:__POS__ "Unikernel.aes_key"

let program_block_size = Runtime_arg.create ~pos:__POS__ "Unikernel.program_block_size"

(* Encrypted littlefs on a file-backed disk. *)
let db =
  chamelon ~program_block_size (ccm_block ~nonce_len:8 aes_key (block_of_file "db"))

(* Append-only log on a disk chosen with --log-block=file|ramdisk|xenstore. *)
let journal = tar_kv_rw (generic_block ~group:"log" "log")

(* Read-only data: a tar archive and a FAT image. *)
let seed = tar_kv_ro (block_of_file "seed")
let firmware = fat_ro (ramdisk "firmware")

let app =
  main "Unikernel.Storage" (kv_rw @-> kv_rw @-> kv_ro @-> kv_ro @-> job)

let () = register "block-storage" [ app $ db $ journal $ seed $ firmware ]
