open Lwt.Infix
open Cmdliner

let program_block_size =
  let doc = Arg.info ~doc:"littlefs program block size." [ "program-block-size" ] in
  Arg.(value & opt int 16 doc)

let disk_key =
  let doc = Arg.info ~doc:"AES-CCM key of the secrets disk (hex)." [ "disk-key" ] in
  Arg.(value & opt (some string) None doc)

module Vault
    (Secrets : Mirage_kv.RW)
    (Journal : Mirage_kv.RW)
    (Bundle : Mirage_kv.RO)
    (Scratch : Mirage_kv.RW) =
struct
  let start secrets journal bundle scratch =
    let key = Mirage_kv.Key.v "last-boot" in
    Secrets.get secrets key >>= fun previous ->
    (match previous with
    | Ok v -> Logs.info (fun m -> m "previous boot: %s" v)
    | Error _ -> Logs.info (fun m -> m "first boot"));
    Journal.set journal (Mirage_kv.Key.v "boot") "ok" >>= fun _ ->
    Scratch.set scratch key "now" >>= fun _ ->
    Bundle.list bundle Mirage_kv.Key.empty >|= function
    | Ok entries -> Logs.info (fun m -> m "bundle has %d entries" (List.length entries))
    | Error e -> Logs.warn (fun m -> m "bundle: %a" Bundle.pp_error e)
end
