open Lwt.Infix
open Cmdliner

let volume_key =
  let doc = Arg.info ~doc:"AES-CCM key of the volume." [ "volume-key" ] in
  Arg.(value & opt (some string) None doc)

let block_size =
  let doc = Arg.info ~doc:"littlefs program block size." [ "block-size" ] in
  Arg.(value & opt int 512 doc)

module Storage (Volume : Mirage_kv.RW) (Archive : Mirage_kv.RW) = struct
  let start volume archive =
    let now = Ptime.to_rfc3339 (Mirage_ptime.now ()) in
    Volume.set volume (Mirage_kv.Key.v "mounted-at") now >>= fun _ ->
    Archive.set archive (Mirage_kv.Key.v now) "mount" >|= function
    | Ok () -> Logs.info (fun m -> m "volume mounted")
    | Error e -> Logs.err (fun m -> m "archive: %a" Archive.pp_write_error e)
end
