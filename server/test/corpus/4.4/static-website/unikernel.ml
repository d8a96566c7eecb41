open Lwt.Infix

module Website
    (Clock : Mirage_clock.PCLOCK)
    (Pages : Mirage_kv.RO)
    (Http : Cohttp_mirage.Server.S) =
struct
  let mime_of path = Magic_mime.lookup path

  let serve pages request =
    let path =
      match Uri.path (Cohttp.Request.uri request) with
      | "" | "/" -> "index.html"
      | p -> String.sub p 1 (String.length p - 1)
    in
    Pages.get pages (Mirage_kv.Key.v path) >>= function
    | Ok body ->
        let headers = Cohttp.Header.init_with "content-type" (mime_of path) in
        Http.respond_string ~status:`OK ~headers ~body ()
    | Error _ -> Http.respond_not_found ()

  let start _clock pages http =
    let port = Key_gen.http_port () in
    let callback _conn request _body = serve pages request in
    Logs.info (fun m ->
        m "serving on port %d (started at %a)" port Ptime.pp
          (Ptime.v (Clock.now_d_ps ())));
    http (`TCP port) (Http.make ~callback ())
end
