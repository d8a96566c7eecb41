(* mirage >= 4.10.0 & < 4.11.0 *)
open Mirage

let volume_key : string option runtime_arg =
  Runtime_arg.create ~pos:__POS__ "Unikernel.volume_key"

let block_size = Runtime_arg.create ~pos:__POS__ "Unikernel.block_size"

(* unikraft exposes the disk by its device name; elsewhere we keep a
   plain file around. Muen has no block devices at all. *)
let raw =
  if_impl Key.is_unikraft (block_of_file "vol0")
    (match_impl Key.(value target)
       [ (`Muen, ramdisk "volume") ]
       ~default:(block_of_file "volume.img"))

let volume = chamelon ~program_block_size:block_size (ccm_block volume_key raw)
let archive = tar_kv_rw (ramdisk "archive")

let app = main "Unikernel.Storage" (kv_rw @-> kv_rw @-> job)

let () =
  register "unikraft-storage" ~ptime:default_ptime ~random:default_random
    [ app $ volume $ archive ]
