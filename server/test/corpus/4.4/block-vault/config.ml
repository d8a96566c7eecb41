(* mirage >= 4.4.0 & < 4.5.0 *)
open Mirage

let program_block_size =
  let doc = Key.Arg.info ~doc:"littlefs program block size, in bytes." [ "program-block-size" ] in
  Key.(create "program_block_size" Arg.(opt int 16 doc))

(* Hex AES key of the encrypted journal disk; absent means "refuse to start". *)
let journal_key =
  let doc = Key.Arg.info ~doc:"AES-CCM key of the journal disk (hex)." [ "journal-key" ] in
  Key.(create "journal_key" Arg.(opt ~stage:`Run (some string) None doc))

let notes =
  chamelon ~program_block_size ~pclock:default_posix_clock (block_of_file "notes")

let journal =
  block_of_file "journal"
  |> ccm_block ~nonce_len:13 journal_key
  |> tar_kv_rw ~pclock:default_posix_clock

let firmware = fat_ro (block_of_file "firmware")
let bundle = tar_kv_ro (ramdisk "bundle")

let vault =
  foreign "Unikernel.Vault"
    (pclock @-> kv_rw @-> kv_rw @-> kv_ro @-> kv_ro @-> job)

let () =
  register "block-vault"
    [ vault $ default_posix_clock $ notes $ journal $ firmware $ bundle ]
