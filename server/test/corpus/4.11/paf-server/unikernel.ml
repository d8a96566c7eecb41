open Cmdliner

let port =
  let doc = Arg.info ~doc:"Listening port." [ "port" ] in
  Arg.(value & opt int 8080 doc)

let motd =
  let doc = Arg.info ~doc:"Message of the day served on /motd." [ "motd" ] in
  Arg.(value & opt string "have a nice day" doc)

module Api (Server : Paf_mirage.S) = struct
  let respond reqd status body =
    let headers =
      H1.Headers.of_list [ ("content-length", string_of_int (String.length body)) ]
    in
    H1.Reqd.respond_with_string reqd (H1.Response.create ~headers status) body

  let handler motd _flow _edn reqd =
    match (H1.Reqd.request reqd).H1.Request.target with
    | "/motd" -> respond reqd `OK (motd ^ "\n")
    | _ -> respond reqd `Not_found "unknown endpoint\n"

  let start server motd =
    let service =
      Server.http_service ~error_handler:(fun _ ?request:_ _ _ -> ()) (handler motd)
    in
    let (`Initialized th) = Server.serve service server in
    th
end
