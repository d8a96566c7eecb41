module Api (Http : Cohttp_mirage.Server.S) = struct
  let start http _syslog =
    let callback _conn _req _body =
      Http.respond_string ~status:`OK ~body:{|{"ok":true}|} ()
    in
    Logs.info (fun m -> m "api up");
    http (`TCP 8080) (Http.make ~callback ())
end
