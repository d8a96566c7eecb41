open Lwt.Infix
open Cmdliner

let port =
  let doc = Arg.info ~doc:"Port of the web server." [ "port" ] in
  Arg.(value & opt int 8080 doc)

module Site (Htdocs : Mirage_kv.RO) (Certs : Mirage_kv.RO) (Http : Cohttp_mirage.Server.S) =
struct
  let callback htdocs _conn req _body =
    let path = Uri.path (Cohttp.Request.uri req) in
    let file = if String.equal path "/" then "index.html" else path in
    Htdocs.get htdocs (Mirage_kv.Key.v file) >>= function
    | Ok body ->
        let headers = Cohttp.Header.init_with "content-type" (Magic_mime.lookup file) in
        Http.respond_string ~headers ~status:`OK ~body ()
    | Error _ -> Http.respond_not_found ()

  let start htdocs certs http port =
    Certs.exists certs (Mirage_kv.Key.v "server.pem") >>= fun has_cert ->
    Logs.info (fun m ->
        m "port %d, certificate %s" port
          (match has_cert with Ok (Some _) -> "found" | _ -> "missing"));
    http (`TCP port) (Http.make ~callback:(callback htdocs) ())
end
