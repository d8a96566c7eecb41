open Lwt.Infix
open Cmdliner

let urls =
  let doc = Arg.info ~doc:"URL to download (repeatable)." [ "url" ] in
  Arg.(value & opt_all string [] doc)

module Fetcher
    (Client : Cohttp_lwt.S.Client)
    (Spool : Mirage_block.S)
    (Trust : Mirage_kv.RO) =
struct
  let fetch ctx url =
    Client.get ~ctx (Uri.of_string url) >>= fun (resp, body) ->
    Cohttp_lwt.Body.to_string body >|= fun data ->
    Logs.info (fun m ->
        m "%s: %s (%d bytes)" url
          (Cohttp.Code.string_of_status (Cohttp.Response.status resp))
          (String.length data))

  let start ctx spool trust urls =
    Trust.list trust Mirage_kv.Key.empty >>= fun _ ->
    Spool.get_info spool >>= fun info ->
    Logs.info (fun m -> m "spool: %a" Mirage_block.pp_info info);
    Lwt_list.iter_s (fetch ctx) urls
end
