module Frontend (_ : sig end) (Http : Cohttp_mirage.Server.S) = struct
  let start _limiter http _audit =
    let banner = Key_gen.banner () in
    let headers = Cohttp.Header.init_with "server" banner in
    let callback _conn _req _body =
      Http.respond_string ~headers ~status:`OK ~body:"up\n" ()
    in
    http (`TCP 8080) (Http.make ~callback ())
end
