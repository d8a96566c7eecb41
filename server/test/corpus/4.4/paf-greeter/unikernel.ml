module Greeter
    (Random : Mirage_random.S)
    (Time : Mirage_time.S)
    (Server : Paf_mirage.S) =
struct
  let handler _flow _edn reqd =
    let body = Key_gen.greeting () in
    let headers =
      Httpaf.Headers.of_list
        [ ("content-length", string_of_int (String.length body)) ]
    in
    let response = Httpaf.Response.create ~headers `OK in
    Httpaf.Reqd.respond_with_string reqd response body

  let start _random _time server =
    let port = Key_gen.port () in
    Logs.info (fun m -> m "paf greeter listening on %d" port);
    let service = Server.http_service ~error_handler:(fun _ ?request:_ _ _ -> ()) handler in
    Server.init ~port server |> fun t ->
    let (`Initialized th) = Server.serve service t in
    th
end
