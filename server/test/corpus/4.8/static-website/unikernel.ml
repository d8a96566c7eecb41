open Lwt.Infix
open Cmdliner

let port =
  let doc = Arg.info ~doc:"Port to listen on for plain HTTP." [ "port" ] in
  Arg.(value & opt int 8080 doc)

let redirect_to =
  let doc = Arg.info ~doc:"Redirect every request to this base URL." [ "redirect-to" ] in
  Arg.(value & opt (some string) None doc)

module Site
    (Clock : Mirage_clock.PCLOCK)
    (Public : Mirage_kv.RO)
    (Http : Cohttp_mirage.Server.S) =
struct
  let lookup public path =
    let file = if path = "/" then "index.html" else path in
    Public.get public (Mirage_kv.Key.v file)

  let callback public redirect _conn req _body =
    let path = Uri.path (Cohttp.Request.uri req) in
    match redirect with
    | Some base -> Http.respond_redirect ~uri:(Uri.of_string (base ^ path)) ()
    | None -> (
        lookup public path >>= function
        | Ok body ->
            let headers =
              Cohttp.Header.init_with "content-type" (Magic_mime.lookup path)
            in
            Http.respond_string ~headers ~status:`OK ~body ()
        | Error _ -> Http.respond_not_found ())

  let start _clock public http port redirect =
    Logs.info (fun m ->
        m "site up on :%d at %a" port (Ptime.pp_rfc3339 ())
          (Ptime.v (Clock.now_d_ps ())));
    http (`TCP port) (Http.make ~callback:(callback public redirect) ())
end
