open Cmdliner

let port =
  let doc = Arg.info ~doc:"Port of the web server." [ "port" ] in
  Arg.(value & opt int 8080 doc)

module Web (Assets : Mirage_kv.RO) (Server : Paf_mirage.S) = struct
  let reply reqd status body =
    let headers =
      Httpaf.Headers.of_list [ ("content-length", string_of_int (String.length body)) ]
    in
    Httpaf.Reqd.respond_with_string reqd (Httpaf.Response.create ~headers status) body

  let handler assets _flow _edn reqd =
    let target = (Httpaf.Reqd.request reqd).Httpaf.Request.target in
    let path = if target = "/" then "index.html" else target in
    Lwt.async (fun () ->
        Lwt.map
          (function
            | Ok body -> reply reqd `OK body
            | Error _ -> reply reqd `Not_found "not found\n")
          (Assets.get assets (Mirage_kv.Key.v path)))

  let start assets server _syslog =
    Logs.info (fun m -> m "serving assets at %a" (Ptime.pp_rfc3339 ()) (Mirage_ptime.now ()));
    let service =
      Server.http_service ~error_handler:(fun _ ?request:_ _ _ -> ()) (handler assets)
    in
    let (`Initialized th) = Server.serve service server in
    th
end
