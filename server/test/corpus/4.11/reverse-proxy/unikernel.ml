open Cmdliner

let backend =
  let doc = Arg.info ~doc:"Base URL of the upstream server." [ "backend" ] in
  Arg.(value & opt string "http://10.0.0.10:8080" doc)

module Proxy
    (Front : Cohttp_mirage.Server.S)
    (Client : Cohttp_lwt.S.Client)
    (Cache : Mirage_kv.RW) =
struct
  let forward ctx backend _cache req body =
    let uri = Uri.of_string (backend ^ Uri.path (Cohttp.Request.uri req)) in
    Client.call ~ctx ~body (Cohttp.Request.meth req) uri

  let start front ctx cache backend =
    let callback _conn req body = forward ctx backend cache req body in
    front (`TCP 80) (Front.make ~callback ())
end
