open Cmdliner

let port =
  let doc = Arg.info ~doc:"HTTP port." [ "port" ] in
  Arg.(value & opt int 8080 doc)

let api_token =
  let doc = Arg.info ~doc:"Bearer token required on every request." [ "api-token" ] in
  Arg.(value & opt (some string) None doc)

module Api
    (Random : Mirage_crypto_rng_mirage.S)
    (Time : Mirage_time.S)
    (Server : Paf_mirage.S) =
struct
  let authorized token reqd =
    match token with
    | None -> true
    | Some t ->
        let headers = (Httpaf.Reqd.request reqd).Httpaf.Request.headers in
        Httpaf.Headers.get headers "authorization" = Some ("Bearer " ^ t)

  let handler token _flow _edn reqd =
    let status, body =
      if authorized token reqd then (`OK, {|{"status":"ok"}|})
      else (`Unauthorized, {|{"status":"denied"}|})
    in
    let headers =
      Httpaf.Headers.of_list
        [ ("content-type", "application/json");
          ("content-length", string_of_int (String.length body)) ]
    in
    Httpaf.Reqd.respond_with_string reqd (Httpaf.Response.create ~headers status) body

  let start _random _time server api_token =
    let service =
      Server.http_service ~error_handler:(fun _ ?request:_ _ _ -> ()) (handler api_token)
    in
    let (`Initialized th) = Server.serve service server in
    th
end
