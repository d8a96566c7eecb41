open Lwt.Infix

module Gateway (Public : Tcpip.Stack.V4V6) (Dns : Dns_client_mirage.S) = struct
  let upstream dns =
    match Domain_name.(Result.bind (of_string "backend.internal") host) with
    | Error _ as e -> Lwt.return e
    | Ok host -> Dns.gethostbyname dns host

  let start public dns _syslog =
    upstream dns >>= fun r ->
    (match r with
    | Ok ip -> Logs.info (fun m -> m "backend at %a" Ipaddr.V4.pp ip)
    | Error (`Msg e) -> Logs.warn (fun m -> m "backend unknown: %s" e));
    Public.TCP.listen (Public.tcp public) ~port:443 (fun flow -> Public.TCP.close flow);
    Public.listen public
end
