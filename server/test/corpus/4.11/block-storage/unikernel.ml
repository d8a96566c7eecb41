open Lwt.Infix
open Cmdliner

let aes_key =
  let doc = Arg.info ~doc:"Hex AES key for the db disk." [ "aes-key" ] in
  Arg.(value & opt (some string) None doc)

let program_block_size =
  let doc = Arg.info ~doc:"littlefs program block size." [ "program-block-size" ] in
  Arg.(value & opt int 16 doc)

module Storage
    (Db : Mirage_kv.RW)
    (Log : Mirage_kv.RW)
    (Seed : Mirage_kv.RO)
    (Firmware : Mirage_kv.RO) =
struct
  let start db log seed firmware =
    let now = Ptime.to_rfc3339 (Mirage_ptime.now ()) in
    Log.set log (Mirage_kv.Key.v now) "start" >>= fun _ ->
    Seed.get seed (Mirage_kv.Key.v "users.json") >>= (function
    | Ok users -> Db.set db (Mirage_kv.Key.v "users") users >|= ignore
    | Error _ -> Lwt.return_unit) >>= fun () ->
    Firmware.size firmware (Mirage_kv.Key.v "fw.bin") >|= function
    | Ok size -> Logs.info (fun m -> m "firmware: %a bytes" Optint.Int63.pp size)
    | Error _ -> Logs.info (fun m -> m "no firmware image")
end
