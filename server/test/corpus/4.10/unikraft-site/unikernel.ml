open Lwt.Infix
open Cmdliner

let port =
  let doc = Arg.info ~doc:"HTTP port." [ "port" ] in
  Arg.(value & opt int 80 doc)

module Site (Pages : Mirage_kv.RO) (Http : Cohttp_mirage.Server.S) = struct
  let callback pages _conn req _body =
    let path = Uri.path (Cohttp.Request.uri req) in
    let key = Mirage_kv.Key.v (if path = "/" then "index.html" else path) in
    Pages.get pages key >>= function
    | Ok body -> Http.respond_string ~status:`OK ~body:(Templates.wrap body) ()
    | Error _ -> Http.respond_not_found ()

  let start pages http port =
    Logs.info (fun m -> m "listening on %d" port);
    http (`TCP port) (Http.make ~callback:(callback pages) ())
end
