open Lwt.Infix

module Fetcher
    (Client : Cohttp_lwt.S.Client)
    (Disk : Mirage_block.S)
    (Certs : Mirage_kv.RO) =
struct
  let fetch ctx url =
    Client.get ~ctx (Uri.of_string url) >>= fun (resp, body) ->
    Cohttp_lwt.Body.to_string body >|= fun data ->
    Logs.info (fun m ->
        m "%s: %a, %d bytes" url Cohttp.Code.pp_status
          (Cohttp.Response.status resp) (String.length data))

  let start ctx disk certs =
    Disk.get_info disk >>= fun info ->
    Logs.info (fun m -> m "cache disk: %a" Mirage_block.pp_info info);
    Certs.list certs Mirage_kv.Key.empty >>= fun _ ->
    Lwt_list.iter_s (fetch ctx) (Key_gen.urls ())
end
